"""Neo4j Browser, served by the tests' Neo4j, in real headless Chromium; and its guide.

``tools/browser-check/neo4j-browser.mjs`` (playwright-core driving Debian's Chromium,
offline: every request to a host other than 127.0.0.1 is aborted) opens
``<http_url>/browser/``, fills the connect form (``bolt://127.0.0.1:<bolt>``, neo4j and
the password) and reports what Browser shows. One run per module, then the tests read
its report:

* after connecting, ``browser.post_connect_cmd`` opened the guide: its first page is
  visible, with all its pages; ``:guide <url>`` opens it in the sidebar too;
* a click on a guide block puts it in the editor; a click on its run icon runs it;
* every runnable block reaches Browser as the guide renders it (Browser rewrites guide
  HTML, so this is checked, not assumed), and the ``:style`` block, run with one
  click, colours the graph with the schema's colours;
* ``cypher/style.grass`` dropped onto Browser (a synthetic drop event carrying the file)
  becomes the style in use;
* ``:param year => 1995`` then the text of ``cypher/queries/minsk_chairs.cypher`` give
  Finland and Russia in the table view;
* the Minsk Group neighbourhood query draws every neighbour as an SVG node.

The run takes a screenshot; ``UPDATE_SCREENSHOTS=1`` writes it (and one of the guide)
to ``docs/img/`` for the README, otherwise to a temporary directory, so that tests
leave the tree clean. The guide's own tests at the end need no server.

Under ``CI=true`` nothing here may skip: a missing node, playwright-core
(``make node-deps``) or Chromium fails instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO_ROOT, hostile_data, require
from markupsafe import escape

from graph_loader import loader
from graph_loader.localneo4j import guide
from graph_loader.queries import load_library
from graph_loader.schema import load_schema
from graph_loader.validation import load_dataset

BROWSER_CHECK = REPO_ROOT / "tools" / "browser-check"
SCRIPT = BROWSER_CHECK / "neo4j-browser.mjs"
IMG = REPO_ROOT / "docs" / "img"
SCREENSHOT = IMG / "neo4j-browser.png"
GUIDE_SCREENSHOT = IMG / "neo4j-browser-guide.png"
MINSK_CHAIRS = REPO_ROOT / "cypher" / "queries" / "minsk_chairs.cypher"
STYLE = REPO_ROOT / "cypher" / "style.grass"
CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Slides(HTMLParser):
    """Each ``<slide>``'s first ``<h3>`` and its ``<pre class="... runnable">`` texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.slides: list[dict[str, Any]] = []
        self._in: str | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "slide":
            self.slides.append({"heading": None, "blocks": []})
        elif self.slides and tag == "h3" and self.slides[-1]["heading"] is None:
            self._in, self._buf = "h3", []
        elif self.slides and tag == "pre" and "runnable" in classes:
            self._in, self._buf = "pre", []

    def handle_endtag(self, tag: str) -> None:
        if self._in == tag == "h3":
            self.slides[-1]["heading"] = squash("".join(self._buf))
            self._in = None
        elif self._in == tag == "pre":
            self.slides[-1]["blocks"].append("".join(self._buf))
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buf.append(data)


def slides(page: str) -> list[dict[str, Any]]:
    parser = _Slides()
    parser.feed(page)
    return parser.slides


# --------------------------------------------------------------------------- the run


@pytest.fixture(scope="module")
def server(neo4j_server: Any) -> Any:
    require(neo4j_server.http_url,
            "Neo4j Browser's URL is unknown (set NEO4J_HTTP_URL for a NEO4J_URI server)")
    return neo4j_server


@pytest.fixture(scope="module")
def shipped() -> Any:
    return load_dataset(REPO_ROOT / "data")


@pytest.fixture(scope="module")
def loaded(server: Any, shipped: Any) -> Any:
    """The server holds exactly the shipped dataset (loaded here if it does not)."""
    from graph_loader.engines import open_executor

    with open_executor("neo4j", uri=server.uri, user=server.user,
                       password=server.password) as ex:
        loader.ensure_loaded(ex, shipped)
        actors = ex.read("MATCH (a:Actor) RETURN count(a) AS n")[0]["n"]
        if actors != len(shipped.actors):  # leftovers of another test: start afresh
            require(server.home is not None or os.environ.get("NEO4J_TEST_MAY_WIPE") == "1",
                    "the database holds more than the shipped data; set NEO4J_TEST_MAY_WIPE=1")
            ex.write("MATCH (n) DETACH DELETE n")
            loader.load(ex, shipped)
    return shipped


@pytest.fixture(scope="module")
def served_guide(server: Any) -> str:
    """The guide as this checkout renders it, written where the local server serves it."""
    if server.home is not None:
        from graph_loader.localneo4j import Instance

        guide.write(Instance(server.home).dist.webroot / "browser" / "guides" / guide.FILE_NAME)
    return guide.render()


def _tools() -> tuple[str, str]:
    node = shutil.which("node")
    require(node, "node not found (apt-get install nodejs npm)")
    require((BROWSER_CHECK / "node_modules" / "playwright-core").is_dir(),
            "playwright-core is not installed: run `make node-deps`")
    chromium = os.environ.get("CHROMIUM") or next(
        (p for p in map(shutil.which, CHROMIUMS) if p), None)
    require(chromium, "Chromium not found (apt-get install chromium, or set $CHROMIUM)")
    return str(node), str(chromium)


@pytest.fixture(scope="module")
def run(server: Any, loaded: Any, served_guide: str, tmp_path_factory: Any) -> dict[str, Any]:
    """Drive Browser once; the report of ``neo4j-browser.mjs``."""
    node, chromium = _tools()
    out = tmp_path_factory.mktemp("neo4j-browser")
    update = os.environ.get("UPDATE_SCREENSHOTS") == "1"
    cfg = {
        "browserUrl": f"{server.http_url}/browser/",
        "boltUrl": server.uri,
        "user": server.user,
        "password": server.password,
        "guideTitle": guide.TITLE,
        "executable": chromium,
        "commands": [
            {"name": "param", "text": ":param year => 1995"},
            {"name": "minsk_chairs", "text": MINSK_CHAIRS.read_text(encoding="utf-8"),
             "view": "table"},
            {"name": "neighbourhood", "text": guide.NEIGHBOURHOOD_QUERY, "view": "graph"},
        ],
        "grassFile": str(STYLE),
        "sidebarGuide": True,
        "screenshot": str(SCREENSHOT if update else out / SCREENSHOT.name),
        "guideScreenshot": str(GUIDE_SCREENSHOT if update else out / GUIDE_SCREENSHOT.name),
        "debugShot": str(out / "failed.png"),
    }
    proc = subprocess.run([node, str(SCRIPT), json.dumps(cfg)], cwd=BROWSER_CHECK,
                          capture_output=True, text=True, timeout=600)
    lines = proc.stdout.strip().splitlines()
    report = json.loads(lines[-1]) if lines else {"ok": False, "error": proc.stderr[-3000:]}
    if not report.get("ok"):
        pytest.fail(f"Browser run failed: {report.get('error')}\n"
                    f"frames: {report.get('frameCommands')}\nscreenshot: {out / 'failed.png'}\n"
                    f"{proc.stderr[-2000:]}")
    report["out"] = out
    return report


def _command(run: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in run["commands"] if c["name"] == name)


# --------------------------------------------------------------------------- Browser


def test_connecting_opens_the_guide(run: dict[str, Any], server: Any, served_guide: str) -> None:
    # browser.post_connect_cmd ran `:play <our guide>` on connect, and Browser shows page 1.
    url = f"{server.http_url}/browser/guides/{guide.FILE_NAME}"
    assert run["guide"]["command"] == f":play {url}"
    assert f":play {url}" in run["frameCommandsAfterConnect"]
    assert run["guide"]["title"] == guide.TITLE
    assert run["guide"]["pager"] == f"1 / {len(slides(served_guide))}"
    assert not run["pageErrors"]


def test_guide_command_opens_it_in_the_sidebar(run: dict[str, Any]) -> None:
    assert run["sidebarGuide"] == guide.TITLE


def test_a_guide_block_fills_the_editor_and_its_icon_runs_it(
    run: dict[str, Any], served_guide: str, loaded: Any
) -> None:
    first = squash(slides(served_guide)[0]["blocks"][0])
    assert run["guide"]["firstBlock"] == first
    assert run["guide"]["editorAfterClick"] == first  # a click on the text: the editor
    ran = run["guide"]["firstBlockRun"]  # a click on the icon: a new frame with its result
    assert ran["command"] == first and "error" not in ran
    assert ran["text"].split()[-2:] == [str(len(loaded.actors)), str(len(loaded.relationships))]


def test_every_guide_page_and_block_reaches_browser_intact(
    run: dict[str, Any], served_guide: str
) -> None:
    # Browser rewrites guide HTML (scripts, on* attributes, javascript: links): nothing of
    # ours may be lost on the way, and every page is reachable with the arrows.
    expected = slides(served_guide)
    shown = run["guide"]["slides"]
    assert [s["heading"] for s in shown] == [s["heading"] for s in expected]
    for got, want in zip(shown, expected, strict=True):
        assert [b.strip() for b in got["blocks"]] == [b.strip() for b in want["blocks"]], (
            got["heading"])


def test_the_guide_style_block_colours_the_graph(run: dict[str, Any], loaded: Any) -> None:
    assert "error" not in run["style"], run["style"]
    assert "InvalidGrass" not in run["style"]["text"]
    colours = {k.color.lower() for k in loaded.schema.kinds.values()}
    fills = {f.lower() for f in _command(run, "neighbourhood")["nodeFills"]}
    kinds = {loaded.actors[a].kind for a in _neighbourhood(loaded)}
    # Every node is drawn in its kind's colour from the schema (Browser's own palette
    # would give other colours), and every kind in the picture shows.
    assert fills == {loaded.schema.kinds[k].color.lower() for k in kinds}
    assert fills <= colours


def _rules(style_text: str) -> dict[str, dict[str, str]]:
    """Selector -> properties of the style sheet that Browser's ``:style`` frame shows."""
    return {
        selector: dict(re.findall(r"([a-z-]+):\s*([^;]+);", body))
        for selector, body in re.findall(r"(\S+)\s*\{([^}]*)\}", style_text)
    }


def test_dropping_style_grass_onto_browser_applies_it(run: dict[str, Any], loaded: Any) -> None:
    # The file itself, as a drag and drop gives it: Browser applies it and runs `:style`.
    assert run["dropped"]["command"] == ":style"
    rules = _rules(run["dropped"]["text"])
    for kind in loaded.schema.kinds.values():
        assert rules[f"node.{kind.name}"]["color"] == kind.color, kind.name
    for rt in loaded.schema.relationship_types.values():
        want = loaded.schema.type_color(rt.name)  # its family's colour
        assert rules[f"relationship.{rt.name}"]["color"] == want, rt.name
    assert "error" not in run["reset"]


def test_dropping_style_grass_keeps_its_base_node_rule(run: dict[str, Any]) -> None:
    assert "node" in _rules(run["dropped"]["text"])


def test_minsk_chairs_in_1995_are_finland_and_russia(run: dict[str, Any]) -> None:
    param = _command(run, "param")
    assert param["command"] == ":param year => 1995" and "error" not in param
    assert '"year": 1995' in param["text"]
    chairs = _command(run, "minsk_chairs")
    assert chairs["command"] == squash(MINSK_CHAIRS.read_text(encoding="utf-8"))
    assert "error" not in chairs, chairs
    rows = re.findall(r'\d+ "([^"]+)" "\d{4}"', chairs["text"])
    assert rows == ["Finland", "Russia"], chairs["text"]


def _neighbourhood(ds: Any) -> set[str]:
    c = guide.NEIGHBOURHOOD_ID
    return {c} | {r.target for r in ds.relationships if r.source == c} | {
        r.source for r in ds.relationships if r.target == c}


def test_the_minsk_group_neighbourhood_is_drawn(run: dict[str, Any], loaded: Any) -> None:
    drawn = _command(run, "neighbourhood")
    assert "error" not in drawn, drawn
    nodes = _neighbourhood(loaded)
    assert drawn["nodes"] == len(nodes)
    paths = [r for r in loaded.relationships if guide.NEIGHBOURHOOD_ID in (r.source, r.target)]
    assert drawn["status"] == f"Displaying {len(nodes)} nodes, {len(paths)} relationships."
    # Browser also fetches the relationships among the result's nodes (Connect result nodes).
    among = [r for r in loaded.relationships if r.source in nodes and r.target in nodes]
    assert drawn["relationships"] == len(among)


def test_screenshots_are_real_pictures(run: dict[str, Any]) -> None:
    for name in (SCREENSHOT.name, GUIDE_SCREENSHOT.name):
        taken = Path(run["out"]) / name
        if os.environ.get("UPDATE_SCREENSHOTS") == "1":
            taken = IMG / name
        data = taken.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000, taken
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (1400, 900)
        assert (IMG / name).is_file(), f"docs/img/{name} is missing: run with UPDATE_SCREENSHOTS=1"


# --------------------------------------------------------------------------- the guide alone


def test_the_guide_derives_from_schema_library_and_style() -> None:
    page = guide.render()
    schema = load_schema(REPO_ROOT / "data" / "schema.yaml")
    for kind in schema.kinds.values():
        assert f">:{kind.name}</code>" in page and kind.color in page
        assert escape(kind.description) in page
    for rt in schema.relationship_types.values():
        assert f">:{rt.name}</code>" in page and rt.color in page
        assert escape(rt.description) in page
    blocks = [b for s in slides(page) for b in s["blocks"]]
    library = load_library()
    for name in guide.FIRST_QUERIES:
        q = library[name]
        assert q.body in blocks, name
        for command in guide.param_commands(q.text):
            assert command in blocks
    for q in library.values():
        assert f">{q.name}.cypher</code>" in page
    # The :style block is style.grass itself, less its comments.
    style = next(b for b in blocks if b.startswith(":style"))
    grass = re.sub(r"/\*.*?\*/", "", STYLE.read_text(encoding="utf-8"), flags=re.S)
    assert squash(style) == squash(":style " + grass)
    assert style.count(":style") == 1 and "/*" not in style
    assert guide.NEIGHBOURHOOD_QUERY in blocks


def test_the_guide_escapes_names_from_the_data(tmp_path: Path) -> None:
    data = hostile_data(tmp_path / "data")
    ds = load_dataset(data)
    page = guide.render(data)
    hostile = [a.name for a in ds.actors.values() if re.search(r"[<>&\"']", a.name)]
    assert hostile, "the hostile fixture has no names with markup"
    assert "<script" not in page.lower()
    shown = [n for n in hostile if escape(n) in page]
    assert shown, "no hostile name made it into the guide's examples"
    for name in hostile:
        if "<" in name:
            assert name not in page


def test_the_guide_renders_from_the_schema_alone(tmp_path: Path) -> None:
    # Invalid CSVs must not stop the server: the guide then shows no data-derived parts.
    shutil.copy(REPO_ROOT / "data" / "schema.yaml", tmp_path / "schema.yaml")
    (tmp_path / "actors.csv").write_text("not,a,valid,file\n", encoding="utf-8")
    page = guide.render(tmp_path)
    assert guide.TITLE in page and "For example" not in page


def test_style_command_rejects_what_browser_would_cut() -> None:
    with pytest.raises(ValueError):
        guide.style_command("node { caption: ':style'; }")
