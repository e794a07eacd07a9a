"""Interactive views (graph_loader.views): self-contained, escaped, styled from the schema."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from _pages import assert_no_raw_markup, assert_self_contained, graph_data, scan
from conftest import DATA_DIR, hostile_data

from graph_loader import views
from graph_loader.graph import build_graph, signed_ties
from graph_loader.schema import load_schema
from graph_loader.validation import load_dataset

SCHEMA = load_schema(DATA_DIR / "schema.yaml")


def hostile_graph(tmp_path: Path) -> nx.MultiDiGraph:
    return build_graph(load_dataset(hostile_data(tmp_path / "data")))


@pytest.fixture(scope="module")
def G(tmp_path_factory) -> nx.MultiDiGraph:
    return hostile_graph(tmp_path_factory.mktemp("views"))


@pytest.fixture(scope="module")
def full_html(G) -> str:
    title, subtitle = "Full <network> & co", "a \"quoted\" <i>x</i>"
    return views.render_view(G, SCHEMA, title=title, subtitle=subtitle).html


def test_script_json_cannot_close_the_script() -> None:
    text = views.script_json({"n": "</script><script>alert(1)</script>", "m": "<!-- & \u2028"})
    assert "</" not in text and "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text
    assert json.loads(text) == {"n": "</script><script>alert(1)</script>", "m": "<!-- & \u2028"}


def test_view_is_self_contained(full_html) -> None:
    assert_self_contained(full_html, "full view")
    assert "vis-network" in full_html and "new vis.Network" in full_html
    assert "bootstrap" not in full_html.lower()
    assert "cdn" not in " ".join(u for _, _, u in scan(full_html).urls).lower()


def test_view_escapes_every_name_and_quote(full_html) -> None:
    assert_no_raw_markup(full_html, "full view")
    assert "<h1>Full &lt;network&gt; &amp; co</h1>" in full_html
    assert "a &#34;quoted&#34; &lt;i&gt;x&lt;/i&gt;" in full_html
    # search options and legend carry the hostile names as escaped text
    assert '<option value="&lt;img src=x onerror=alert(1)&gt;">' in full_html
    assert '<option value="&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;">' in full_html
    data = graph_data(full_html)
    labels = {n["label"] for n in data["nodes"]}
    assert "<img src=x onerror=alert(1)>" in labels
    assert "</script><script>alert(1)</script>" in labels


def test_titles_are_plain_text(full_html) -> None:
    data = graph_data(full_html)
    for item in data["nodes"] + data["edges"]:
        assert "href" not in item["title"].lower() or "<a" not in item["title"]
        assert "<br" not in item["title"]
    edge = next(e for e in data["edges"] if e["id"] == "r023")
    lines = edge["title"].split("\n")
    assert lines[0] == "<img src=x onerror=alert(1)> → SUPPORTS → Karabakh Armenians"
    assert lines[1] == "When: 2016 – 2020"
    assert '“<img src=x onerror=alert(1)> said </script><script>alert(1)</script> & "quoted"”' \
        in lines
    assert "Note: <b>note</b>" in lines
    assert any(line.startswith("Section 7 · Hasanoglu, K. & Süleymanlı") for line in lines)
    assert any(line.startswith("Cites: </script>") for line in lines)
    node = next(n for n in data["nodes"] if n["id"] == "aze")
    assert node["title"].startswith(
        "Azerbaijan\nKind: State\nAlso: Republic of Azerbaijan; Azərbaycan"
    )


def test_styling_from_schema(G, full_html) -> None:
    schema = load_schema(DATA_DIR / "schema.yaml")
    data = graph_data(full_html)
    nodes = {n["id"]: n for n in data["nodes"]}
    edges = {e["id"]: e for e in data["edges"]}
    assert nodes["osce"]["color"]["background"] == schema.kinds["Organization"].color
    assert nodes["arm"]["color"]["background"] == schema.kinds["State"].color
    member = schema.families[schema.relationship_types["MEMBER_OF"].family]
    assert edges["r001"]["color"]["color"] == views.type_color(schema, "MEMBER_OF") == member.color
    assert edges["r001"]["family"] == "membership" and edges["r001"]["rtype"] == "MEMBER_OF"
    assert edges["r015"]["dashes"] is True          # implied
    assert edges["r001"]["dashes"] is False         # stated
    assert edges["r015"]["arrows"]["to"]["enabled"] is False   # ALLY_OF is symmetric
    assert edges["r001"]["arrows"]["to"]["enabled"] is True
    # positions computed in Python, physics off: instant and deterministic
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    # size follows influence
    scores = views.influence_scores(G, SCHEMA)
    top = max(scores, key=scores.get)
    low = min(scores, key=scores.get)
    assert nodes[top]["size"] > nodes[low]["size"]
    # legend lists the kinds and the types present, from the schema
    legend = full_html[full_html.index('class="panel legend"'):]
    assert "MEMBER_OF" in legend and "ALLY_OF" in legend and "(mutual)" in legend
    assert "support and alliance" in legend and member.color in legend
    assert "SIGNED" not in legend.split("</details>")[0]  # type absent from the data


def test_render_is_deterministic(G) -> None:
    a = views.render_view(G, SCHEMA, title="t").html
    b = views.render_view(G, SCHEMA, title="t").html
    assert a == b


def test_signed_view_colours_by_polarity(G) -> None:
    spec = views.view_specs(SCHEMA)["signed"]
    assert set(spec.type_names(SCHEMA)) == set(SCHEMA.signed_types())
    sub = signed_ties(G, SCHEMA)  # what write_views draws
    html = views.render_view(sub, SCHEMA, title="signed", signed=True).html
    edges = {e["id"]: e for e in graph_data(html)["edges"]}
    assert edges["r005"]["color"]["color"] == views.NEGATIVE_COLOR   # IN_CONFLICT_WITH
    assert edges["r015"]["color"]["color"] == views.POSITIVE_COLOR   # ALLY_OF
    assert "r001" not in edges              # MEMBER_OF: +1, but not a signed tie
    assert "r013" not in edges                                       # MEDIATES: polarity 0


def test_big_graphs_are_capped(G) -> None:
    schema = G.graph["schema"]
    big = nx.MultiDiGraph(schema=schema)
    for i in range(60):
        big.add_node(f"s{i}", name=f"State {i}", kind="State", aliases=[])
    big.add_node("org", name="Org", kind="Organization", aliases=[])
    for i in range(60):
        big.add_edge(f"s{i}", "org", key=f"r{i}", id=f"r{i}", type="MEMBER_OF",
                     certainty="stated", symmetric=False, polarity=1)
    rv = views.render_view(big, SCHEMA, title="big", max_nodes=10)
    assert rv.nodes == 10 and rv.total_nodes == 61
    assert "Showing the 10 most influential of 61 actors" in rv.html
    ids = {n["id"] for n in graph_data(rv.html)["nodes"]}
    assert "org" in ids


def test_time_view_is_capped_too(G) -> None:
    """The time view draws at most max_nodes actors (its overlap pass is quadratic: at
    10,000 actors it ran for over 15 minutes), and says so."""
    scores = views.influence_scores(G, SCHEMA)
    pos = views.compute_layout(G)
    rv = views.render_timeline(G, SCHEMA, years=[1994, 2020], positions=pos, scores=scores,
                               max_nodes=12)
    assert rv.nodes == 12 and rv.total_nodes == G.number_of_nodes()
    assert f"Showing the 12 most influential of {G.number_of_nodes()} actors" in rv.html
    top = sorted(G.nodes, key=lambda v: (-scores.get(v, 0.0), str(v)))[:12]
    assert {n["id"] for n in graph_data(rv.html)["nodes"]} == set(top)


def test_write_views_all_pages(G, tmp_path) -> None:
    infos = views.write_views(G, SCHEMA, tmp_path / "views")
    slugs = [i.slug for i in infos]
    assert slugs[:4] == ["full-network", "mediation-membership", "alliances-support", "signed"]
    assert any(s.startswith("ego-") for s in slugs)
    # one time view, with a year slider, replaces the pages per year
    assert [i.slug for i in infos if i.group == "time"] == ["time"]
    assert not list((tmp_path / "views").glob("time-*.html"))
    for info in infos:
        html = info.path.read_text(encoding="utf-8")
        assert_self_contained(html, info.slug)
        assert_no_raw_markup(html, info.slug)
        assert html.count('id="render-status"') == 1
        for _, key, url in scan(html).urls:
            if key == "href" and not url.startswith("#"):
                assert (info.path.parent / url).resolve().exists() or url == "../index.html", url
    mediation = next(i for i in infos if i.slug == "mediation-membership")
    types = {e["rtype"] for e in graph_data(mediation.path.read_text("utf-8"))["edges"]}
    assert types <= set(views.view_specs(SCHEMA)["mediation"].types)
    assert {"MEMBER_OF", "CHAIRS", "CO_CHAIRS", "MEDIATES", "BROKERED"} <= types
    # the time view: a slider over every year, every relationship with the years it holds
    page = (tmp_path / "views" / "time.html").read_text("utf-8")
    data = graph_data(page)
    assert data["years"] == list(range(1988, 2025))
    assert 'id="year" type="range" min="1988" max="2024"' in page
    assert 'id="play"' in page and 'id="hide-undated"' in page
    assert {e["id"] for e in data["edges"]} == {k for *_, k in G.edges(keys=True)}


@pytest.mark.parametrize("data", ["hostile", "shipped"])
def test_time_view_years_are_as_of(G, tmp_path, data) -> None:
    """In every year, the relationships the time view's data says hold (first <= year <=
    last, None open), and the actors they touch, are those of graph.as_of."""
    from graph_loader.graph import as_of, time_range

    H = G if data == "hostile" else build_graph(load_dataset(DATA_DIR))
    views.write_views(H, SCHEMA, tmp_path)
    page = graph_data((tmp_path / "time.html").read_text("utf-8"))
    lo, hi = time_range(H)
    assert page["years"] == list(range(lo, hi + 1))

    def holds(item: dict, y: int) -> bool:
        return (item["first"] is None or item["first"] <= y) and (
            item["last"] is None or y <= item["last"])

    for y in page["years"]:
        shown = [e for e in page["edges"] if holds(e, y)]
        C = as_of(H, y)
        assert sorted(e["id"] for e in shown) == sorted(k for *_, k in C.edges(keys=True)), y
        assert {e[end] for e in shown for end in ("from", "to")} == set(map(str, C.nodes)), y


def test_timeline_years_clip_to_as_of(G) -> None:
    assert views.timeline_years(G, upto=1995) == list(range(1988, 1996))
    assert views.timeline_years(G) == list(range(1988, 2025))


def test_main_actor_ids(G) -> None:
    from graph_loader.analyses import run_all

    analyses = run_all(G, SCHEMA, years=[])
    analyses.main_actors = ["osce", "nope", "arm"]
    assert views.main_actor_ids(G, SCHEMA, analyses) == ["osce", "arm"]
    assert len(views.main_actor_ids(G, SCHEMA, None, limit=3)) == 3


def test_layout_is_deterministic_and_spread() -> None:
    H = nx.path_graph(30)
    H.add_edges_from([(100, 101), (102, 103)])
    H.add_node(200)
    a, b = views.compute_layout(H), views.compute_layout(H)
    assert a == b and set(a) == set(H.nodes)
    pts = list(a.values())
    closest = min(
        ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5
        for i, (x1, y1) in enumerate(pts) for (x2, y2) in pts[i + 1:]
    )
    assert closest > 5.0


def _mean_distance(pos, pairs) -> float:
    return sum(((pos[u][0] - pos[v][0]) ** 2 + (pos[u][1] - pos[v][1]) ** 2) ** 0.5
               for u, v in pairs) / len(pairs)


def test_layout_draws_neighbours_close_and_ignores_direction_order_and_repeats() -> None:
    """The layout reads the simple undirected graph with nodes in ``str`` order: the
    same positions whatever the insertion orders, directions, parallel edges and
    self-loops; and each node's position is its own (neighbours end close together,
    components apart)."""
    import random

    H = nx.barabasi_albert_graph(60, 2, seed=1)
    H.add_edges_from([(100, 101), (102, 103), (104, 105), (105, 106)])
    M = nx.MultiDiGraph()
    nodes = list(H)
    random.Random(3).shuffle(nodes)
    M.add_nodes_from(nodes)
    edges = list(H.edges())
    random.Random(4).shuffle(edges)
    for u, v in edges:
        M.add_edge(v, u)
        M.add_edge(u, v)
    M.add_edge(5, 5)
    pos = views.compute_layout(H)
    assert views.compute_layout(M) == pos
    assert list(pos)[:60] == sorted(range(60), key=str)  # the largest component first
    near = _mean_distance(pos, [(u, v) for u, v in H.edges() if u < 60])
    far = _mean_distance(pos, [(u, v) for u in range(0, 60, 7) for v in range(3, 60, 11)
                               if not H.has_edge(u, v)])
    assert near < 0.6 * far
    # a small component is drawn together, apart from the big one
    assert _mean_distance(pos, [(104, 105), (105, 106)]) < near * 2
    assert _mean_distance(pos, [(104, v) for v in range(60)]) > far


def test_spring_positions_run_on_igraph_seeded_and_from_initial(monkeypatch) -> None:
    import doctest

    from graph_loader.views import layout

    def refuse(*args, **kwargs):
        raise AssertionError("networkx's spring layout was called")

    monkeypatch.setattr(nx, "spring_layout", refuse)
    H = nx.barabasi_albert_graph(120, 2, seed=3)
    a = layout.spring_positions(H)
    assert a == layout.spring_positions(H) and set(a) == set(H)
    assert a != layout.spring_positions(H, seed=8)
    # neighbours end closer than non-neighbours, on average (a force layout)
    def dist(u, v):
        return ((a[u][0] - a[v][0]) ** 2 + (a[u][1] - a[v][1]) ** 2) ** 0.5

    near = sum(dist(u, v) for u, v in H.edges()) / H.number_of_edges()
    pairs = [(u, v) for u in range(0, 120, 7) for v in range(3, 120, 11) if not H.has_edge(u, v)]
    assert near < 0.6 * sum(dist(u, v) for u, v in pairs) / len(pairs)
    # a start from given positions (few steps) keeps their arrangement: left stays left
    P = nx.path_graph(10)
    start = {i: (100.0 * i, 0.0) for i in P}
    moved = layout.spring_positions(P, initial=start, iterations=5)
    assert [v for v, _ in sorted(moved.items(), key=lambda kv: kv[1][0])] == list(range(10))
    result = doctest.testmod(layout, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def _overlaps(html: str) -> tuple[int, int]:
    """Overlapping node circles and labels at the initial layout, from the page's data."""
    nodes = graph_data(html)["nodes"]
    return views.count_overlaps(
        {n["id"]: (n["x"], n["y"]) for n in nodes},
        {n["id"]: n["size"] for n in nodes},
        {n["id"]: n["label"] for n in nodes},
    )


@pytest.mark.parametrize("data", ["shipped", "hostile"])
def test_no_node_circles_overlap_in_any_view(G, tmp_path, data, capsys) -> None:
    H = G if data == "hostile" else build_graph(load_dataset(DATA_DIR))
    infos = views.write_views(H, SCHEMA, tmp_path / "views")
    counts = {i.slug: _overlaps(i.path.read_text("utf-8")) for i in infos}
    with capsys.disabled():
        print(f"\n{data}: overlapping circles / labels per view:")
        for slug, (circles, labels) in counts.items():
            print(f"  {slug:28s} {circles:3d} {labels:3d}")
    assert {slug: c for slug, (c, _) in counts.items() if c} == {}
    # labels: kept low (estimated boxes; the shipped views had 322 before short names and
    # the collision pass, 1 after)
    assert sum(lab for _, lab in counts.values()) <= 2 * len(counts)


def test_separate_removes_every_overlap_deterministically() -> None:
    pile = {i: (float(i % 3), 0.0) for i in range(40)}  # 40 nodes on three points
    radii = {i: 6.0 + (i % 5) * 5 for i in range(40)}
    labels = {i: "Resolution " + str(800 + i) for i in range(40)}
    a = views.separate(pile, radii, labels)
    assert a == views.separate(pile, radii, labels)
    assert views.count_overlaps(a, radii)[0] == 0
    assert views.count_overlaps(pile, radii)[0] == 40 * 39 // 2


def test_short_names_label_the_canvas_full_names_in_tooltip_and_search() -> None:
    H = build_graph(load_dataset(DATA_DIR))
    html = views.render_view(H, SCHEMA, title="t").html
    nodes = {n["id"]: n for n in graph_data(html)["nodes"]}
    osce = nodes["osce"]
    assert osce["label"] == "OSCE"
    assert osce["name"] == "Organization for Security and Co-operation in Europe"
    assert osce["title"].startswith(osce["name"])
    assert nodes["unsc-resolution-822"]["label"] == "Res. 822"
    assert nodes["armenia"]["label"] == "Armenia"  # short already: no short name
    assert '<option value="Organization for Security and Co-operation in Europe">' in html
    assert '<option value="Res. 822">' in html


def test_every_type_in_one_family_one_colour_each() -> None:
    fams = SCHEMA.family_types()
    assert 5 <= len(fams) <= 9 and all(fams.values())
    listed = [t for ts in fams.values() for t in ts]
    assert sorted(listed) == sorted(SCHEMA.relationship_types)  # each type exactly once
    colours = [f.color for f in SCHEMA.families.values()]
    assert len(set(colours)) == len(colours)
    for fam, ts in fams.items():
        assert {views.type_color(SCHEMA, t) for t in ts} == {SCHEMA.families[fam].color}


def test_navigation_links_do_not_repeat(G, tmp_path) -> None:
    from html.parser import HTMLParser

    infos = views.write_views(G, SCHEMA, tmp_path / "views")
    for info in infos:
        html = info.path.read_text("utf-8")

        class Navs(HTMLParser):
            def __init__(self) -> None:
                super().__init__()
                self.navs: list[list[str]] = []
                self.depth = 0

            def handle_starttag(self, tag, attrs):
                if tag == "nav":
                    self.navs.append([])
                    self.depth += 1
                elif self.depth and tag == "a":
                    self.navs[-1].append(dict(attrs)["href"])

            def handle_endtag(self, tag):
                if tag == "nav":
                    self.depth -= 1

        p = Navs()
        p.feed(html)
        for hrefs in p.navs:
            assert len(hrefs) == len(set(hrefs)), (info.slug, hrefs)


def test_view_subgraph_keeps_the_graphs_order_whatever_the_hash_seed() -> None:
    """A hub with many more neighbours than the nodes kept: networkx's subgraph view
    lists them in set order (which follows the string hash seed); view_subgraph and
    the ego pages keep G's order."""
    from graph_loader.views.render import capped_nodes, view_subgraph

    G = nx.MultiDiGraph()
    G.add_edges_from(("hub", f"n{i:03d}", {"type": "X"}) for i in range(300))
    G.add_edges_from((f"n{i:03d}", "hub") for i in range(0, 300, 7))
    keep = {"hub", "n299", "n005", "n150", "n007", "n000"}
    H = view_subgraph(G, keep)
    assert list(H) == [v for v in G if v in keep]
    assert list(H.edges(keys=True, data=True)) == [
        e for e in G.edges(keys=True, data=True) if e[0] in keep and e[1] in keep]
    ego = views.ego_subgraph(G, "n007")
    assert list(ego) == ["hub", "n007"] and ego.number_of_edges() == 2
    assert capped_nodes(["a", "b", "c"], {"c": 1.0}, 2) == (
        ["c", "a"], "Showing the 2 most influential of 3 actors (by PageRank); "
        "the exports and tables hold the whole graph.")


def test_edge_view_is_the_capped_edge_subgraph() -> None:
    """A theme page's graph, built from its capped actors only, is cap_graph of the
    edge subgraph: the same nodes, relationships and orders."""
    import random

    from graph_loader.graph import edge_subgraph
    from graph_loader.views.write import edge_view

    rng = random.Random(3)
    G = nx.MultiDiGraph(name="g")
    G.add_nodes_from((f"a{i:02d}", {"name": f"A {i}"}) for i in rng.sample(range(40), 40))
    for i in range(300):
        u, v = rng.sample(list(G), 2)
        G.add_edge(u, v, key=f"r{i}", type=rng.choice("XYZ"), id=f"r{i}")
    scores = {n: rng.random() for n in G}
    keep = lambda u, v, d: d["type"] != "Z"  # noqa: E731
    S = edge_subgraph(G, (e for e in G.edges(keys=True, data=True) if keep(*e[:2], e[3])))
    for cap in (5, 17, 400):
        want, notice = views.cap_graph(S, scores, cap)
        got, total, got_notice = edge_view(G, keep, scores, cap)
        assert (total, got_notice) == (S.number_of_nodes(), notice)
        assert list(got.nodes(data=True)) == list(want.nodes(data=True))
        assert list(got.edges(keys=True, data=True)) == list(want.edges(keys=True, data=True))
        assert got.graph == G.graph
