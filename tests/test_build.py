"""`graph-loader build` end to end (graph_loader.build, graph_loader.cli.build)."""

from __future__ import annotations

import csv
import os
import re
import shutil
import time
from html import unescape as html_unescape
from pathlib import Path

import networkx as nx
import pytest
from _pages import assert_no_raw_markup, assert_self_contained, graph_data, scan
from click.testing import CliRunner
from conftest import DATA_DIR, hostile_data

from graph_loader import build as build_mod
from graph_loader.cli import cli
from graph_loader.tables import CSV_ENCODING, is_number_text


def run(*args: str):
    return CliRunner().invoke(cli, ["build", *args], catch_exceptions=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def shipped_out(tmp_path_factory) -> tuple[Path, object, float]:
    out = tmp_path_factory.mktemp("shipped") / "out"
    t0 = time.perf_counter()
    res = CliRunner().invoke(cli, ["build", "--data", str(DATA_DIR), "--out", str(out)],
                             catch_exceptions=False)
    return out, res, time.perf_counter() - t0


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    data = hostile_data(base / "data")
    out = base / "out"
    res = CliRunner().invoke(cli, ["build", "--data", str(data), "--out", str(out)],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return out


EXPECTED = [
    "index.html", "report.md", "report.html",
    "views/full-network.html", "views/mediation-membership.html",
    "views/alliances-support.html", "views/signed.html",
    "plots/centrality.png", "plots/timeline.png", "plots/signed-network.png",
    "tables/centrality.csv", "tables/arenas.csv", "tables/brokerage.csv",
    "tables/structural_holes.csv",
    "tables/communities.csv", "tables/comembership.csv", "tables/balance_triads.csv",
    "tables/measures_by_year.csv", "tables/minsk_chronology.csv", "tables/actors.csv",
    "tables/relationships.csv",
    "exports/graph.graphml", "exports/graph.gexf", "exports/graph.json", "exports/graph.cypher",
    "exports/graph.cyjs",
]


def test_build_shipped_data(shipped_out) -> None:
    out, res, seconds = shipped_out
    assert res.exit_code == 0, res.output
    for rel in EXPECTED:
        assert (out / rel).is_file(), rel
    assert list(out.glob("views/ego-*.html")) and (out / "views" / "time.html").is_file()
    assert not list(out.glob("views/time-*.html"))  # one time view with a slider
    # progress on stderr, one line per stage with timing; summary on stdout
    for stage in ("validate", "graph", "analyses", "views", "plots", "tables", "report",
                  "exports", "index"):
        assert any(line.startswith(stage) and " s " in line
                   for line in res.stderr.splitlines()), stage
    assert res.stdout.startswith(f"wrote {out}/ in ")
    assert "views/ (" in res.stdout and "exports/ (5 files)" in res.stdout
    assert seconds < 20  # generous for CI; the measured build is ~2 s
    G = nx.read_graphml(out / "exports" / "graph.graphml", force_multigraph=True)
    assert G.number_of_nodes() > 50 and G.number_of_edges() > 100
    assert not list(out.parent.glob(".out.*")), "temporary directories are cleaned up"


def test_index_links_everything(shipped_out) -> None:
    out, _, _ = shipped_out
    html = (out / "index.html").read_text(encoding="utf-8")
    links = {u for _, key, u in scan(html).urls if key == "href"}
    for rel in EXPECTED[1:]:
        assert rel in links, rel
    for page in out.glob("views/*.html"):
        assert f"views/{page.name}" in links
    for link in links:
        assert (out / link).is_file(), link
    assert "relationships" in html and "Top agents by influence" in html


def test_rankings_list_agents_only(shipped_out) -> None:
    # Every actor ranked on the index page and in the report's centrality tables is an
    # agent; the non-agents appear in the arenas table instead.
    out, _, _ = shipped_out
    import pandas as pd

    from graph_loader.schema import load_schema

    schema = load_schema(DATA_DIR / "schema.yaml")
    cent = pd.read_csv(out / "tables" / "centrality.csv", encoding=CSV_ENCODING)
    kind_of = dict(zip(cent["name"], cent["kind"], strict=True))
    agents = cent[cent["agent"]]
    index = (out / "index.html").read_text(encoding="utf-8")
    ranked = re.findall(r"<li>([^<]+) <small>\(", index)
    expected = agents.sort_values(["pagerank", "name"], ascending=[False, True])["name"]
    assert [html_unescape(n) for n in ranked] == expected.head(10).tolist()
    md = (out / "report.md").read_text(encoding="utf-8")
    section = md.split("## Who matters: centrality")[1].split("## Arenas and instruments")[0]
    rows = [line.split(" | ") for line in section.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(rows) == 40  # four measures, ten agents each
    assert all(schema.kinds[r[2]].agent for r in rows)
    for r in rows:  # the degree table adds up: degree = in + out + symmetric
        if len(r) == 7:
            assert int(r[3]) == int(r[4]) + int(r[5]) + int(r[6].rstrip(" |")), r
    arenas = md.split("## Arenas and instruments")[1].split("\n## ")[0]
    non_agents = [n for n, k in kind_of.items() if not schema.kinds[k].agent]
    assert non_agents and any(f"| {n} |" in arenas for n in non_agents)


def test_all_html_self_contained(shipped_out) -> None:
    out, _, _ = shipped_out
    for page in out.rglob("*.html"):
        assert_self_contained(page.read_text(encoding="utf-8"), str(page))


def test_report_sections(shipped_out) -> None:
    out, _, _ = shipped_out
    md = (out / "report.md").read_text(encoding="utf-8")
    for heading in ("## Who matters: centrality", "## Brokerage roles", "## Structural holes",
                    "## Communities", "## Co-membership", "## Structural balance",
                    "## Over time", "## The Minsk chronology"):
        assert heading in md
    assert "who gains influence from memberships" in md
    chronology = md.split("## The Minsk chronology")[1]
    assert "Minsk" in chronology and "| Body | Years | Chair(s) |" in chronology
    html = (out / "report.html").read_text(encoding="utf-8")
    assert '<img src="plots/timeline.png"' in html


def test_report_lists_the_papers_tensions(shipped_out) -> None:
    """One row per pair of Dataset.contradictions(), with both ids, sections and quotes."""
    import html as html_lib

    from graph_loader.validation import load_dataset

    out, _, _ = shipped_out
    pairs = sorted(load_dataset(DATA_DIR).contradictions(), key=lambda p: (p[0].id, p[1].id))
    assert len(pairs) >= 5
    page = html_lib.unescape((out / "report.html").read_text(encoding="utf-8"))
    tensions = page.split("The paper's tensions</h2>")[1].split("</table>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", tensions, re.S)[1:]
    assert len(rows) == len(pairs)
    for row, (a, b) in zip(rows, pairs, strict=True):
        cells = [re.sub(r"<[^>]+>", "", c).strip()
                 for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        assert cells[0].startswith(f"{a.id}: ") and cells[3].startswith(f"{b.id}: ")
        assert (cells[1], cells[2]) == (a.section, a.evidence)
        assert (cells[4], cells[5]) == (b.section, b.evidence)
    assert "## The paper's tensions" in (out / "report.md").read_text(encoding="utf-8")


def test_hostile_names_escaped_everywhere(hostile_out) -> None:
    pages = list(hostile_out.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert_no_raw_markup(html, str(page))
        assert_self_contained(html, str(page))
    index = (hostile_out / "index.html").read_text(encoding="utf-8")
    report = (hostile_out / "report.html").read_text(encoding="utf-8")
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in index
    assert "&lt;img src=x onerror=alert(1)&gt;" in report
    md = (hostile_out / "report.md").read_text(encoding="utf-8")
    assert re.search(r"(?<!\\)<(img|/?script|b>)", md) is None  # escaped as \<
    assert "\\<img src=x onerror=alert(1)\\>" in md
    for page in hostile_out.glob("views/*.html"):
        graph_data(page.read_text(encoding="utf-8"))  # embedded JSON never contains "</"


def test_hostile_tables_are_spreadsheet_safe(hostile_out) -> None:
    for path in hostile_out.glob("tables/*.csv"):
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), path
        with path.open(encoding=CSV_ENCODING, newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                        assert is_number_text(cell), (path.name, cell)
    with (hostile_out / "tables" / "actors.csv").open(encoding=CSV_ENCODING) as fh:
        names = {r["id"]: r for r in csv.DictReader(fh)}
    assert names["formula"]["name"] == "'=HYPERLINK(\"http://evil.example\")"
    assert names["formula"]["aliases"] == "'@SUM(A1)"
    assert names["formula"]["description"] == "'+danger"


def test_invalid_data_writes_nothing(tmp_path) -> None:
    data = hostile_data(tmp_path / "data")
    rel = data / "relationships.csv"
    rel.write_text(rel.read_text(encoding="utf-8").replace(",MEMBER_OF,osce,", ",MEMBER_OFF,osce,",
                                                          1), encoding="utf-8")
    out = tmp_path / "out"
    res = run("--data", str(data), "--out", str(out))
    assert res.exit_code == 1
    lines = res.stderr.strip().splitlines()
    assert lines[0].startswith("relationships.csv:2: type: ")
    assert "nothing written" in lines[-1]
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_invalid_data_keeps_previous_out(tmp_path, hostile_out) -> None:
    out = tmp_path / "out"
    shutil.copytree(hostile_out, out)
    before = snapshot(out)
    data = hostile_data(tmp_path / "data")
    (data / "actors.csv").write_text("id,name\n", encoding="utf-8")
    res = run("--data", str(data), "--out", str(out))
    assert res.exit_code == 1
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out"]


def _fails_keeping_previous_out(tmp_path, hostile_out, monkeypatch, module, name) -> None:
    """Make ``module.name`` raise mid-build: the build fails, the previous out/ stays as
    it was and nothing else is left beside it."""
    out = tmp_path / "out"
    shutil.copytree(hostile_out, out)
    before = snapshot(out)

    def boom(*args, **kwargs):
        raise OSError(f"{name} failed (simulated)")

    monkeypatch.setattr(module, name, boom)
    with pytest.raises(OSError, match="simulated"):
        build_mod.run_build(hostile_data(tmp_path / "data"), out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out"]


def test_failure_mid_build_keeps_previous_out(tmp_path, hostile_out, monkeypatch) -> None:
    from graph_loader import exports

    _fails_keeping_previous_out(tmp_path, hostile_out, monkeypatch, exports, "write_all")


def test_rebuild_replaces_and_keeps_notebooks(tmp_path) -> None:
    data = hostile_data(tmp_path / "data")
    out = tmp_path / "out"
    assert run("--data", str(data), "--out", str(out)).exit_code == 0
    (out / "stale.txt").write_text("old", encoding="utf-8")
    (out / "notebooks").mkdir()
    (out / "notebooks" / "analysis.html").write_text("<p>nb</p>", encoding="utf-8")
    assert run("--data", str(data), "--out", str(out)).exit_code == 0
    assert not (out / "stale.txt").exists()
    assert (out / "notebooks" / "analysis.html").read_text(encoding="utf-8") == "<p>nb</p>"
    assert 'href="notebooks/analysis.html"' in (out / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out"]


def test_refuses_foreign_out_dir(tmp_path) -> None:
    data = hostile_data(tmp_path / "data")
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "precious.txt").write_text("keep", encoding="utf-8")
    res = run("--data", str(data), "--out", str(foreign))
    assert res.exit_code == 1
    assert "refusing to replace it" in res.stderr
    assert (foreign / "precious.txt").read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "mine"]


def test_adopts_out_dir_holding_only_notebooks(tmp_path) -> None:
    data = hostile_data(tmp_path / "data")
    out = tmp_path / "out"
    (out / "notebooks").mkdir(parents=True)
    (out / "notebooks" / "a.html").write_text("nb", encoding="utf-8")
    assert run("--data", str(data), "--out", str(out)).exit_code == 0
    assert (out / "index.html").is_file()
    assert (out / "notebooks" / "a.html").read_text(encoding="utf-8") == "nb"


@pytest.mark.parametrize("year", ["1950", "2100"])
def test_as_of_out_of_range(tmp_path, year) -> None:
    data = hostile_data(tmp_path / "data")
    out = tmp_path / "out"
    res = run("--data", str(data), "--out", str(out), "--as-of", year)
    assert res.exit_code == 2
    assert f"--as-of {year} is outside the data's years 1988–2024" in res.stderr
    assert not out.exists()


def test_as_of_builds_that_year(tmp_path) -> None:
    data = hostile_data(tmp_path / "data")
    out = tmp_path / "out"
    res = run("--data", str(data), "--out", str(out), "--as-of", "1994")
    assert res.exit_code == 0, res.output
    assert "as of 1994" in res.stdout
    full = graph_data((out / "views" / "full-network.html").read_text(encoding="utf-8"))
    ids = {e["id"] for e in full["edges"]}
    assert "r014" in ids and "r027" not in ids and "r010" not in ids
    # the time view's slider stops at the as-of year
    assert graph_data((out / "views" / "time.html").read_text("utf-8"))["years"] == list(
        range(1988, 1995))
    G = nx.read_graphml(out / "exports" / "graph.graphml", force_multigraph=True)
    assert G.number_of_edges() == len(ids)
    years = (out / "tables" / "measures_by_year.csv").read_text(encoding=CSV_ENCODING)
    assert "\n1994," in years and "\n1995," not in years
    assert "as of 1994" in (out / "index.html").read_text(encoding="utf-8")


def test_as_of_writes_beside_the_full_build(tmp_path, monkeypatch) -> None:
    """Without --out, --as-of YEAR writes out/as-of-YEAR/ and leaves the full build in out/
    as it was; a later full build keeps the as-of builds. Any year from the data's first
    to the paper's last (2024) is accepted, past the data's last year (2023)."""
    data = hostile_data(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert run("--data", str(data)).exit_code == 0
    full = snapshot(tmp_path / "out")
    res = run("--data", str(data), "--as-of", "2024")
    assert res.exit_code == 0, res.output
    assert "as of 2024" in (tmp_path / "out" / "as-of-2024" / "index.html").read_text("utf-8")
    after = snapshot(tmp_path / "out")
    assert {k: v for k, v in after.items() if not k.startswith("as-of-")} == full
    assert run("--data", str(data)).exit_code == 0
    assert (tmp_path / "out" / "as-of-2024" / "index.html").is_file()


def test_missing_data_dir(tmp_path) -> None:
    res = run("--data", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert res.exit_code == 1 and "does not exist" in res.stderr
    assert not (tmp_path / "out").exists()


def test_minsk_chronology_caps_other_chaired_bodies() -> None:
    """Data without a Minsk body: the chronology lists the most-chaired bodies only."""
    from graph_loader import report

    G = nx.MultiDiGraph()
    n = report.MAX_CHAIRED_BODIES + 5
    for i in range(n):
        body = f"body{i:02d}"
        G.add_node(body, name=f"Body {i}")
        for j in range(i % 3 + 1):  # bodies 2, 5, 8... have the most chairs
            G.add_edge(f"state{j}", body, key=f"r{i}-{j}", type="CHAIRS",
                       start_year=1990 + j, end_year=1990 + j)
    sec = report._minsk(G)
    assert any(f"{report.MAX_CHAIRED_BODIES} of {n}" in p for p in sec.paragraphs)
    shown = {row[0] for row in sec.tables[0].rows}
    assert len(shown) == report.MAX_CHAIRED_BODIES
    assert {f"Body {i}" for i in range(n) if i % 3 == 2} <= shown
    assert {row[0] for row in sec.tables[1].rows} == shown


def test_two_builds_under_different_hash_seeds_are_identical(tmp_path: Path) -> None:
    """Every page, table and export is the same whatever Python's string hash seed:
    nothing takes its order from a set (an ego page's layout once did, and PageRank's
    last digits varied with ARPACK's random start)."""
    import os
    import subprocess
    import sys

    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "graph_loader", "build", "--data", str(DATA_DIR),
             "--out", str(out)], capture_output=True, text=True, env=env,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        # the process ends without teardown (cli.end_without_teardown): output flushed
        assert done.stdout.startswith(f"wrote {out}/") and "exports/" in done.stdout
        assert done.stderr.startswith("validate ")
        outs.append(out)
    files = sorted(p.relative_to(outs[0]) for p in outs[0].rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(outs[1]) for p in outs[1].rglob("*") if p.is_file())
    differ = [str(f) for f in files
              if f.suffix != ".png" and (outs[0] / f).read_bytes() != (outs[1] / f).read_bytes()]
    assert differ == []


def test_forked_call_returns_raises_and_reports_a_dead_worker() -> None:
    from graph_loader.forked import ForkedCall, WorkerDied

    assert ForkedCall(lambda: {"png": b"\x89PNG"}).result() == {"png": b"\x89PNG"}
    with pytest.raises(ZeroDivisionError) as info:
        ForkedCall(lambda: 1 // 0).result()
    notes = getattr(info.value, "__notes__", ["in the worker process"])  # 3.11+
    assert "in the worker process" in notes[0]
    with pytest.raises(WorkerDied, match="exit status 3"):
        ForkedCall(lambda: os._exit(3)).result()
    slow = ForkedCall(lambda: time.sleep(60))
    slow.cancel()  # killed and reaped at once
    slow.cancel()


def test_forked_call_with_an_inbox_waits_for_what_is_sent() -> None:
    from graph_loader.forked import ForkedCall, WorkerDied

    call = ForkedCall(lambda receive: sorted(receive()), inbox=True)
    call.send({3, 1, 2})
    assert call.result() == [1, 2, 3]
    big = bytes(range(256)) * 20_000  # 5 MB: more than the pipe holds
    two = ForkedCall(lambda receive: (receive(), len(receive())), inbox=True)
    two.send("first")
    two.send(big)
    assert two.result() == ("first", len(big))
    never_sent = ForkedCall(lambda receive: receive(), inbox=True)
    with pytest.raises(WorkerDied, match="sent the worker nothing"):
        never_sent.result()  # fails rather than waits forever
    early = ForkedCall(lambda receive: 1 // 0, inbox=True)
    time.sleep(0.2)
    early.send("too late")  # the child has ended: no error here...
    with pytest.raises(ZeroDivisionError):
        early.result()  # ...but here
    with pytest.raises(RuntimeError, match="no inbox"):
        ForkedCall(lambda: 1).send(1)


def test_the_command_line_imports_igraph_without_matplotlib() -> None:
    """``graph-loader build`` keeps matplotlib (~0.35 s) out of its main process; igraph
    still computes, and matplotlib still imports afterwards."""
    code = (
        "import sys; from graph_loader import lightimports\n"
        "lightimports.igraph_without_drawing()\n"
        "assert 'igraph' not in sys.modules, 'imported before it is needed'\n"
        "igraph = lightimports.igraph()\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported'\n"
        "assert igraph.Graph.Famous('Zachary').community_multilevel() is not None\n"
        "import matplotlib.figure\n"
    )
    _python(code)


def test_plots_in_the_worker_are_the_plots_drawn_in_process(
    shipped_out, tmp_path, monkeypatch
) -> None:
    out, _, _ = shipped_out
    monkeypatch.setattr(build_mod, "PLOTS_IN_WORKER", False)
    res = build_mod.run_build(DATA_DIR, tmp_path / "out")
    assert snapshot(tmp_path / "out") == snapshot(out)
    assert [p.name for p in res.files["plots"]] == [
        "centrality.png", "signed-network.png", "timeline.png"]


def test_a_failure_in_the_plot_worker_fails_the_build(tmp_path, hostile_out, monkeypatch) -> None:
    if not build_mod._plots_in_worker():
        pytest.skip("the plots are drawn in process here")
    from graph_loader import plotdraw

    _fails_keeping_previous_out(tmp_path, hostile_out, monkeypatch, plotdraw, "render_plots")


def _exports_worker(monkeypatch) -> None:
    """Exports in the worker whatever the graph's size (skipped on one CPU)."""
    from graph_loader.forked import second_cpu

    if not second_cpu():
        pytest.skip("one CPU: the build never uses an exports worker here")
    monkeypatch.setattr(build_mod, "EXPORTS_WORKER_MIN_EDGES", 0)


def test_exports_in_the_worker_are_the_exports_written_in_process(
    shipped_out, tmp_path, monkeypatch
) -> None:
    out, _, _ = shipped_out
    _exports_worker(monkeypatch)
    lines: list[str] = []
    res = build_mod.run_build(DATA_DIR, tmp_path / "out", log=lines.append)
    assert snapshot(tmp_path / "out") == snapshot(out)
    from graph_loader import exports

    assert [p.name for p in res.files["exports"]] == [f.file for f in exports.FORMATS.values()]
    assert any(line.startswith("exports") and "GEXF and Cypher written in a worker" in line
               for line in lines), lines


def _format_raising(monkeypatch, name: str, wait: float = 0.0) -> None:
    """Make export ``name`` raise (after ``wait`` seconds)."""
    import dataclasses

    from graph_loader import exports

    def boom(*args, **kwargs):
        time.sleep(wait)
        raise OSError(f"{name} failed (simulated)")

    monkeypatch.setitem(exports.FORMATS, name,
                        dataclasses.replace(exports.FORMATS[name], write=boom))


def test_a_failure_in_the_exports_worker_fails_the_build(
    tmp_path, hostile_out, monkeypatch
) -> None:
    _exports_worker(monkeypatch)
    _format_raising(monkeypatch, "cypher")
    out = tmp_path / "out"
    shutil.copytree(hostile_out, out)
    before = snapshot(out)
    with pytest.raises(OSError, match="cypher failed"):
        build_mod.run_build(hostile_data(tmp_path / "data"), out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out"]


def test_a_failure_beside_the_exports_worker_stops_it_first(
    tmp_path, hostile_out, monkeypatch
) -> None:
    """The worker writes into the build's temporary directory: a failure in the build
    stops it before removing that directory (nothing is written there afterwards)."""
    _exports_worker(monkeypatch)
    import dataclasses

    from graph_loader import exports

    _format_raising(monkeypatch, "graphml")  # written here while the worker writes GEXF
    gexf = exports.FORMATS["gexf"]

    def slow_gexf(ds, G, path, analyses):
        time.sleep(3)  # long after the build has failed, if it were still running
        Path(path).parent.mkdir(parents=True, exist_ok=True)  # would bring tmp back
        return gexf.write(ds, G, path, analyses)

    monkeypatch.setitem(exports.FORMATS, "gexf", dataclasses.replace(gexf, write=slow_gexf))
    out = tmp_path / "out"
    shutil.copytree(hostile_out, out)
    t0 = time.perf_counter()
    with pytest.raises(OSError, match="graphml failed"):
        build_mod.run_build(hostile_data(tmp_path / "data"), out)
    assert time.perf_counter() - t0 < 3  # the worker was not waited for
    time.sleep(3.5)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out"]


def test_the_command_line_keeps_the_build_for_its_hard_exit(tmp_path: Path) -> None:
    """``graph-loader build`` ends its process at once: the build's objects are kept
    and frozen out of the cycle collector, not freed or collected on the way out (a
    library caller's build frees them as usual)."""
    code = (
        "import gc, sys; from graph_loader import build\n"
        f"build.run_build({str(DATA_DIR)!r}, {str(tmp_path / 'a')!r})\n"
        "assert build._KEPT is None and gc.get_freeze_count() == 0\n"
        "build.keep_until_exit()\n"
        f"build.run_build({str(DATA_DIR)!r}, {str(tmp_path / 'b')!r})\n"
        "assert len(build._KEPT) == 1 and gc.get_freeze_count() > 100_000, "
        "gc.get_freeze_count()\n"
    )
    _python(code)


def test_the_build_module_imports_nothing_heavy() -> None:
    """run_build forks its plot worker first: the module it is in imports no graph or
    table library, so the worker starts before this process spends ~0.3 s on them."""
    heavy = ("networkx", "numpy", "pandas", "scipy", "matplotlib", "igraph", "polars")
    code = (f"import sys, graph_loader.build\n"
            f"print(sorted(m for m in {heavy!r} if m in sys.modules))")
    stdout = _python(code)
    assert stdout.strip() == "[]"


def test_the_plot_worker_warms_up_matplotlib() -> None:
    code = ("import sys\nfrom graph_loader import plotdraw\n"
            "assert 'matplotlib.figure' not in sys.modules\n"
            "plotdraw.warm_up()\n"
            "print('matplotlib.backends.backend_agg' in sys.modules,"
            " 'matplotlib.figure' in sys.modules,"
            " sorted(m for m in ('networkx', 'pandas', 'scipy', 'graph_loader.schema')"
            " if m in sys.modules))")
    stdout = _python(code)
    # the worker draws from plain values: it never loads the graph's libraries
    assert stdout.split() == ["True", "True", "[]"]


def test_the_plot_worker_draws_without_the_graphs_libraries(tmp_path) -> None:
    """The records the build sends its plot worker draw the three PNGs in a process
    that loads neither networkx, pandas, scipy nor the model and schema."""
    import pickle

    from graph_loader import plots, views
    from graph_loader.analyses import run_all
    from graph_loader.graph import build_graph
    from graph_loader.validation import load_dataset

    ds = load_dataset(DATA_DIR)
    G = build_graph(ds)
    analyses = run_all(G, ds.schema, years=[])
    scores = views.influence_scores(G, ds.schema, analyses)
    records = (plots.timeline_data(G, ds.schema),
               plots.ranked_and_signed(G, ds.schema, analyses.centrality, scores,
                                       signed=analyses.signed))
    (tmp_path / "records.pickle").write_bytes(pickle.dumps(records))
    code = ("import pickle, sys\nfrom graph_loader import plotdraw\n"
            f"t, r = pickle.loads(open({str(tmp_path / 'records.pickle')!r}, 'rb').read())\n"
            "pngs = plotdraw.render_plots(lambda: t, lambda: r)\n"
            "print(sorted(name for name, _ in pngs.values()),"
            " sorted(m for m in ('networkx', 'pandas', 'scipy', 'graph_loader.model',"
            " 'graph_loader.schema') if m in sys.modules))")
    stdout = _python(code)
    assert stdout.strip() == (
        "['centrality.png', 'signed-network.png', 'timeline.png'] []")


def _python(code: str) -> str:
    """Run ``code`` in a fresh interpreter; its stdout (the test fails on an error)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout
