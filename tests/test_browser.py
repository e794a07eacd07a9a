"""The views in real headless Chromium, offline: they load, draw nodes, raise no errors.

How it works: each view maintains ``<div id="render-status">``; after vis-network's
first ``afterDrawing`` event the page's own script records the number of visible
nodes, the canvas size, how many canvas pixels are painted and the number of errors
caught by ``window.onerror`` / ``unhandledrejection`` (a handler installed before any
other script). Chromium runs headless with ``--dump-dom`` and a virtual time budget,
with networking blocked (unresolvable hosts, a dead proxy), and prints the DOM after
the page settled; the test reads the marker from it.

Under ``CI=true`` a missing Chromium fails the test instead of skipping it.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import DATA_DIR, hostile_data, require

from graph_loader import views
from graph_loader.graph import build_graph
from graph_loader.schema import load_schema
from graph_loader.validation import load_dataset

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

SCHEMA = load_schema(DATA_DIR / "schema.yaml")


def chromium() -> str:
    found = os.environ.get("CHROMIUM") or next(
        (p for p in map(shutil.which, BROWSERS) if p), None
    )
    require(found, "Chromium not found (apt-get install chromium, or set $CHROMIUM)")
    return str(found)


def dump_dom(page: Path, profile: Path, budget_ms: int = 8000) -> str:
    """Load ``page`` from disk in headless Chromium with networking off; return the DOM."""
    cmd = [
        chromium(),
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        f"--user-data-dir={profile}",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=127.0.0.1:9",
        "--window-size=1400,900",
        f"--virtual-time-budget={budget_ms}",
        "--enable-logging=stderr",
        "--v=0",
        "--dump-dom",
        page.resolve().as_uri(),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "<html" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


def marker(dom: str) -> dict[str, str]:
    m = re.search(r'<div id="render-status"([^>]*)>', dom)
    assert m, "no render-status marker in the DOM"
    return {k: html.unescape(v) for k, v in re.findall(r'data-([a-z-]+)="([^"]*)"', m.group(1))}


def assert_rendered(dom: str, min_nodes: int = 1) -> dict[str, str]:
    st = marker(dom)
    assert st.get("ready") == "1", f"vis-network never drew: {st}"
    assert st.get("errors") == "0", f"JavaScript errors: {st.get('error-text')}"
    assert int(st["nodes"]) >= min_nodes, st
    assert st.get("canvas", "none") != "none" and not st["canvas"].startswith("0x"), st
    assert int(st["painted"]) > 100, f"the canvas is blank: {st}"
    return st


@pytest.fixture(scope="module")
def shipped_views(tmp_path_factory) -> tuple[Path, int]:
    G = build_graph(load_dataset(DATA_DIR))
    out = tmp_path_factory.mktemp("browser-views")
    views.write_views(G, SCHEMA, out)
    return out, G.number_of_nodes()


@pytest.fixture(scope="module")
def hostile_views(tmp_path_factory) -> Path:
    data = hostile_data(tmp_path_factory.mktemp("hostile-data"))
    out = tmp_path_factory.mktemp("hostile-views")
    views.write_views(build_graph(load_dataset(data)), SCHEMA, out)
    return out


def test_full_network_renders_offline(shipped_views, tmp_path) -> None:
    out, n = shipped_views
    st = assert_rendered(dump_dom(out / "full-network.html", tmp_path / "profile"),
                         min_nodes=min(n, views.MAX_NODES))
    assert int(st["nodes"]) == min(n, views.MAX_NODES)


@pytest.mark.parametrize("pattern", ["signed.html", "mediation-membership.html", "ego-*.html",
                                     "time.html"])
def test_other_views_render(shipped_views, tmp_path, pattern) -> None:
    out, _ = shipped_views
    page = sorted(out.glob(pattern))[0]
    assert_rendered(dump_dom(page, tmp_path / "profile"))


def test_hostile_names_are_text_in_the_browser(hostile_views, tmp_path) -> None:
    dom = dump_dom(hostile_views / "full-network.html", tmp_path / "profile")
    assert_rendered(dom)
    # had any name been inserted as markup, the live DOM would hold these elements
    assert not re.search(r"<img[^>]+onerror", dom, re.I)
    assert "alert(1)</script>" not in dom.split('id="graph-data"')[0]
    assert '<option value="&lt;img src=x onerror=alert(1)&gt;">' in dom


_PROBE = """
<script>
window.addEventListener("load", function () {
  setTimeout(function () {
    var r = {};
    try {
      document.getElementById("search").value = "AZƏRBAYCAN";
      document.getElementById("search-form").requestSubmit();
      r.selected = network.getSelectedNodes();
      document.getElementById("search").value = "no such actor";
      document.getElementById("search-form").requestSubmit();
      r.notFound = document.getElementById("search-result").textContent;
      var box = document.querySelector('input.f-kind[value="State"]');
      box.checked = false;
      box.dispatchEvent(new Event("change"));
      r.hiddenNodes = graphNodes.get({filter: function (n) { return n.hidden; }}).map(
        function (n) { return n.kind; });
      r.hiddenEdges = graphEdges.get({filter: function (e) { return e.hidden; }}).length;
      var t = document.querySelector('input.f-type[value="MEMBER_OF"]');
      document.getElementById("filter-all").click();
      t.checked = false;
      t.dispatchEvent(new Event("change"));
      r.hiddenAfterType = graphEdges.get({filter: function (e) { return e.hidden; }}).map(
        function (e) { return e.rtype; });
      document.getElementById("filter-all").click();
      var fam = document.querySelector('input.f-family[value="conflict"]');
      fam.checked = false;
      fam.dispatchEvent(new Event("change"));
      var hidden = graphEdges.get({filter: function (e) { return e.hidden; }});
      r.hiddenFamilies = hidden.map(function (e) { return e.family; });
      r.hiddenFamilyTypes = hidden.map(function (e) { return e.rtype; });
      r.familyTypeBoxes = Array.prototype.map.call(
        document.querySelectorAll('input.f-type[data-family="conflict"]'),
        function (b) { return b.checked; });
    } catch (err) { r.error = String(err); }
    document.body.setAttribute("data-probe", JSON.stringify(r));
  }, 200);
});
</script>
</body>"""


def test_search_and_filters_work(hostile_views, tmp_path) -> None:
    page = hostile_views / "full-network.html"
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", _PROBE),
                     encoding="utf-8")
    dom = dump_dom(probe, tmp_path / "profile")
    assert_rendered(dom)
    m = re.search(r'<body[^>]*data-probe="([^"]*)"', dom)
    assert m, "probe did not run"
    r = json.loads(html.unescape(m.group(1)))
    assert "error" not in r, r
    assert r["selected"] == ["aze"]                      # found by alias, case-insensitive
    assert r["notFound"] == "not found: no such actor"
    assert r["hiddenNodes"] and set(r["hiddenNodes"]) == {"State"}
    assert r["hiddenEdges"] > 0
    assert r["hiddenAfterType"] and set(r["hiddenAfterType"]) == {"MEMBER_OF"}
    # a family's box hides every type of the family, and unticks their boxes
    assert r["hiddenFamilies"] and set(r["hiddenFamilies"]) == {"conflict"}
    assert "IN_CONFLICT_WITH" in r["hiddenFamilyTypes"]
    assert r["familyTypeBoxes"] and not any(r["familyTypeBoxes"])


_SLIDER_PROBE = """
<script>
window.addEventListener("load", function () {
  setTimeout(function () {
    var r = {};
    try {
      var slider = document.getElementById("year");
      var toggle = document.getElementById("hide-undated");
      var st = document.getElementById("render-status");
      [1994, 2020].forEach(function (y) {
        [false, true].forEach(function (hide) {
          slider.value = String(y);
          slider.dispatchEvent(new Event("input"));
          if (toggle.checked !== hide) {
            toggle.checked = hide;
            toggle.dispatchEvent(new Event("change"));
          }
          var shown = graphEdges.get({filter: function (e) { return !e.hidden; }});
          r[y + (hide ? "-dated" : "-all")] = {
            edges: shown.map(function (e) { return e.id; }).sort(),
            nodes: graphNodes.get({filter: function (n) { return !n.hidden; }}).length,
            status: [st.getAttribute("data-year"), st.getAttribute("data-visible-edges"),
                     st.getAttribute("data-visible-nodes")],
            label: document.getElementById("year-label").textContent,
            counts: document.getElementById("year-counts").textContent
          };
        });
      });
    } catch (err) { r.error = String(err); }
    document.body.setAttribute("data-probe", JSON.stringify(r));
  }, 200);
});
</script>
</body>"""


def test_time_slider_shows_the_years_as_of(shipped_views, tmp_path) -> None:
    """Move the time view's slider to 1994 and 2020, with and without hiding the undated
    relationships: the visible relationships (and actors) are those of graph.as_of."""
    from graph_loader.graph import as_of

    out, _ = shipped_views
    page = out / "time.html"
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", _SLIDER_PROBE),
                     encoding="utf-8")
    dom = dump_dom(probe, tmp_path / "profile")
    assert_rendered(dom)
    m = re.search(r'<body[^>]*data-probe="([^"]*)"', dom)
    assert m, "probe did not run"
    r = json.loads(html.unescape(m.group(1)))
    assert "error" not in r, r
    G = build_graph(load_dataset(DATA_DIR))
    for year in (1994, 2020):
        H = as_of(G, year)
        dated = [(u, v, k) for u, v, k, d in H.edges(keys=True, data=True) if d["dated"]]
        for hide, edges in ((False, list(H.edges(keys=True))), (True, dated)):
            got = r[f"{year}-{'dated' if hide else 'all'}"]
            assert got["edges"] == sorted(k for *_, k in edges), (year, hide)
            touched = {n for u, v, _ in edges for n in (u, v)}
            assert got["nodes"] == len(touched), (year, hide)
            assert got["status"] == [str(year), str(len(edges)), str(len(touched))]
            assert got["label"] == str(year)
            assert got["counts"].startswith(f"{len(touched)} actors, {len(edges)} relationships")
        assert len(dated) < H.number_of_edges()
