"""GraphML, GEXF, node-link JSON and graph.cypher exports (graph_loader.exports)."""

from __future__ import annotations

import importlib.util
import io
import json
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import networkx as nx
import pytest
from conftest import DATA_DIR, FIXTURES, REPO_ROOT, hostile_data, require

from graph_loader import cypher, exports, views
from graph_loader.exports.flat import _flat_attrs
from graph_loader.graph import build_graph
from graph_loader.validation import load_dataset

LINT_DIR = REPO_ROOT / "tools" / "cypher-lint"
CYJS_DIR = REPO_ROOT / "tools" / "cyjs-check"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    ds = load_dataset(hostile_data(tmp_path_factory.mktemp("hostile-data")))
    return ds, build_graph(ds)


@pytest.fixture(scope="module")
def written(hostile, tmp_path_factory):
    ds, G = hostile
    return exports.write_all(ds, G, tmp_path_factory.mktemp("exports"))


def test_flat_graph_has_no_none_or_lists(hostile) -> None:
    _, G = hostile
    H = exports.flat_graph(G)
    assert "schema" not in H.graph and "sources" not in H.graph
    for _, d in H.nodes(data=True):
        assert all(v is not None and not isinstance(v, list) for v in d.values())
    for _, _, d in H.edges(data=True):
        assert all(v is not None and not isinstance(v, list) for v in d.values())
    assert H.nodes["aze"]["aliases"] == "Republic of Azerbaijan;Azərbaycan"
    assert "start_year" not in H.edges["rus", "arm", "r015"]  # undated: left out, not ""


def test_graphml_round_trip(hostile, written) -> None:
    _, G = hostile
    H = nx.read_graphml(written["graphml"], force_multigraph=True)
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    assert H.nodes["hostile-img"]["name"] == "<img src=x onerror=alert(1)>"
    keys = {k for _, _, k in H.edges(keys=True)}
    assert keys == {k for _, _, k in G.edges(keys=True)}
    e = H.edges["arm", "osce", "r001"]
    assert e["type"] == "MEMBER_OF" and e["start_year"] == 1992 and e["start"] == "1992-01-30"


@pytest.mark.parametrize("which", ["hostile", "shipped"])
def test_graphml_reads_back_as_networkx_writes_it(which, hostile, tmp_path) -> None:
    """The streaming writer and networkx's writer give the same graph to read_graphml,
    except that the relationship id is written once, as the edge's XML id (networkx's
    key), not again as an ``id`` data (igraph warned about the duplicate)."""
    G = hostile[1] if which == "hostile" else build_graph(load_dataset(DATA_DIR))
    exports.write_graphml(G, tmp_path / "lxml.graphml")
    nx.write_graphml_xml(exports.flat_graph(G), tmp_path / "etree.graphml",
                         encoding="utf-8", named_key_ids=True)
    A = nx.read_graphml(tmp_path / "lxml.graphml", force_multigraph=True)  # ours
    B = nx.read_graphml(tmp_path / "etree.graphml", force_multigraph=True)
    assert A.graph == B.graph
    assert list(A.nodes(data=True)) == list(B.nodes(data=True))
    for _, _, k, d in B.edges(keys=True, data=True):
        assert d.pop("id") == k
    assert list(A.edges(keys=True, data=True)) == list(B.edges(keys=True, data=True))
    assert '<key id="id" for="edge"' not in (tmp_path / "lxml.graphml").read_text("utf-8")


@pytest.mark.parametrize("which", ["hostile", "shipped"])
def test_graphml_igraph_reads_it_without_warnings(which, hostile, tmp_path) -> None:
    """igraph used to warn "Could not add edge ids, there is already an 'id' edge
    attribute": the relationship id was both the edge's XML id and an ``id`` data."""
    require(importlib.util.find_spec("igraph"),
            "python-igraph not installed (pyproject's test extra needs python-igraph)")
    import igraph

    G = hostile[1] if which == "hostile" else build_graph(load_dataset(DATA_DIR))
    path = exports.write_graphml(G, tmp_path / "g.graphml")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = igraph.Graph.Read_GraphML(str(path))
    assert (g.vcount(), g.ecount()) == (G.number_of_nodes(), G.number_of_edges())
    assert g.is_directed()
    assert g.vs["id"] == [str(n) for n in G]
    flat = {k for _, _, d in G.edges(data=True) for k in _flat_attrs(d)}
    assert set(g.es.attributes()) == flat  # "id" from the XML ids, the rest from <data>
    assert g.es["type"] == [d["type"] for _, _, d in G.edges(data=True)]


def test_graphml_text_xml_cannot_hold_is_still_written(tmp_path) -> None:
    """lxml refuses a control character; the file is written as without lxml."""
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="r1", note="bell\x07")
    exports.write_graphml(G, tmp_path / "g.graphml")
    nx.write_graphml_xml(exports.flat_graph(G), tmp_path / "etree.graphml",
                         encoding="utf-8", named_key_ids=True)
    assert (tmp_path / "g.graphml").read_bytes() == (tmp_path / "etree.graphml").read_bytes()


def _graphml_per_value(G, path) -> None:
    """The GraphML writer before the per-shape writers: one conversion per value."""
    from graph_loader.exports import graphml as gm
    from graph_loader.exports.flat import _public_graph_attrs, _xml_text, xml_attr, xml_text

    def stream(declared: bool) -> None:
        scopes = gm._scopes(G, declared)
        key_ids, used = {}, set()
        for scope, types in scopes.items():
            for name in types:
                key_ids[scope, name] = kid = name if name not in used else f"{name}.{scope}"
                used.add(kid)

        def data(scope, attrs) -> str:
            try:
                return "".join(f'<data key="{xml_attr(key_ids[scope, k])}">'
                               + xml_text(_xml_text(v, scopes[scope][k])) + "</data>"
                               for k, v in attrs.items())
            except KeyError as exc:
                raise gm.Undeclared(str(exc)) from None

        out = ["<?xml version='1.0' encoding='utf-8'?>\n", f'<graphml xmlns="{gm.GRAPHML_NS}" '
               f'xmlns:xsi="{gm._XSI}" xsi:schemaLocation="{gm.GRAPHML_NS} '
               f'{gm.GRAPHML_NS}/1.0/graphml.xsd">\n']
        out += [f'<key id="{xml_attr(key_ids[sc, n])}" for="{sc}" attr.name="{xml_attr(n)}" '
                f'attr.type="{t}"/>\n' for sc, types in scopes.items() for n, t in types.items()]
        out.append('<graph edgedefault="directed">\n')
        if _public_graph_attrs(G):
            out.append(data("graph", _public_graph_attrs(G)).replace("</data>", "</data>\n"))
        out += [f'<node id="{xml_attr(str(n))}">{data("node", _flat_attrs(d))}</node>\n'
                for n, d in G.nodes(data=True)]
        out += [f'<edge source="{xml_attr(str(u))}" target="{xml_attr(str(v))}" '
                f'id="{xml_attr(str(k))}">{data("edge", gm._graphml_edge_attrs(k, d))}</edge>\n'
                for u, v, k, d in G.edges(keys=True, data=True)]
        path.write_text("".join(out) + "</graph>\n</graphml>", encoding="utf-8")

    try:
        try:
            stream(True)
        except gm.Undeclared:
            stream(False)
    except ValueError:
        nx.write_graphml_xml(gm._graphml_flat_graph(G), path, encoding="utf-8",
                             named_key_ids=True)


def _odd_graph() -> nx.MultiDiGraph:
    """Names, values and ids that exercise every case of the per-shape writers."""
    G = nx.MultiDiGraph(name="odd & <graph>")
    G.add_node('n&"1', **{"name": "a < b & c\r\n\t'q\"", "%s": "100%", "aliases": ["x&", "y"],
                          "start_year": None, "iso3": None, "n": 3, "ok": True,
                          "kinds": {"only"}, "f": 1.5, "g": float("inf")})
    G.add_node(7, name="seven", start_year=1990, n=-2, ok=False, f=2, g=1)  # other types
    G.add_node("plain", name="é ə 😀", aliases=(), n=10**30)
    G.add_edge('n&"1', 7, key='k&"', id='k&"', type="T", note="a\tb")  # id equal to the key
    G.add_edge(7, "plain", key="r2", id="other", type="T", note="")  # an id of its own
    G.add_edge("plain", "plain", key=3, id=3, type=None, weight=0.25, start_year=None)
    return G


def test_graphml_per_shape_equals_per_value(hostile, tmp_path) -> None:
    """The per-shape writers write the per-value writer's text byte for byte: the hostile
    data (the schema's declarations) and a graph of odd names, types and ids (declared
    by a pass over it), and one XML cannot hold (written by networkx)."""
    ds, G = hostile
    bell = _odd_graph()
    bell.add_node("bell", name="ring\x07")
    for name, graph in {"hostile": G, "odd": _odd_graph(), "bell": bell}.items():
        exports.write_graphml(graph, tmp_path / f"{name}.graphml")
        _graphml_per_value(graph, tmp_path / f"{name}.ref.graphml")
        assert (tmp_path / f"{name}.graphml").read_bytes() == \
            (tmp_path / f"{name}.ref.graphml").read_bytes(), name


def _odd_gexf_graph() -> nx.MultiDiGraph:
    """:func:`_odd_graph` with edges of every shape the GEXF edge writers meet."""
    G = _odd_graph()
    for n in G:
        G.nodes[n].update(start_year=None, end_year=None)
    G.nodes["plain"].update(start_year=1990, end_year=2001)
    G.add_edge(7, 7, key="r4", id=None, type="ALLY_OF", start="1994", end=None, start_year=1994,
               end_year=None, symmetric=True, contradicts=["a&", 2], f=float("nan"))
    G.add_edge(7, "plain", key="r5", start=3, end=["x"], start_year=None, end_year=2000,
               symmetric=False, type=["A", "B"])
    G.add_edge("plain", 7, key="r6", type="", start="", end="", start_year=2005, end_year=1999)
    G.add_edge("plain", 7, key="r7", type="T", label="mine", kind="k", rel_type="x")
    G.add_edge("plain", 7, key="r8", type="T%s", note="%d", **{"100%": 1})
    return G


def test_gexf_per_shape_equals_per_value(hostile, tmp_path, monkeypatch) -> None:
    """The edges' per-shape writers write the per-value writer's text byte for byte, for
    the hostile data and odd graphs, with and without a schema."""
    from graph_loader.exports import gexf as gx
    from graph_loader.exports.flat import xml_attr
    from graph_loader.graph import relationship_years

    ds, G = hostile
    odd = _odd_gexf_graph()
    for graph in (G, odd):  # the edge years, each actor's looked up once, are the rule's
        years = gx._years_of(graph)
        assert [years(u, v, d) for u, v, d in graph.edges(data=True)] == \
            [relationship_years(graph, u, v, d) for u, v, d in graph.edges(data=True)]
    typed = odd.copy()  # the views need the schema's types
    for i, (_, _, d) in enumerate(typed.edges(data=True)):
        d["type"] = ("ALLY_OF", "MEMBER_OF")[i % 2]
    cases = {"hostile": (G, ds.schema), "odd": (odd, None), "odd-schema": (typed, ds.schema)}
    for name, (graph, schema) in cases.items():
        exports.write_gexf(graph, schema, tmp_path / f"{name}.gexf")
    with monkeypatch.context() as m:
        m.setattr(gx._EdgeWriters, "_compile", lambda self, keys, classes: (
            lambda u, v, k, d, years, *values: self.per_value(u, v, k, d, years)))

        def per_value(self, attrs: dict) -> str:
            try:
                return "".join(self.opens[k] + xml_attr(gx._gexf_value(v)) + '"/>'
                               for k, v in attrs.items())
            except KeyError as exc:
                raise gx.Undeclared(str(exc)) from None

        m.setattr(gx._AttValues, "text", per_value)
        for name, (graph, schema) in cases.items():
            exports.write_gexf(graph, schema, tmp_path / f"{name}.ref.gexf")
    for name in cases:
        assert (tmp_path / f"{name}.gexf").read_bytes() == \
            (tmp_path / f"{name}.ref.gexf").read_bytes(), name


def _read_gexf_as_directed(path) -> nx.MultiDiGraph:
    """``networkx.read_gexf`` of a GEXF written by :func:`exports.write_gexf`.

    networkx cannot read mixed graphs (its reader raises on an edge whose ``type``
    differs from the graph's default), and the file is one: symmetric relationships are
    undirected. The edges' ``type`` is dropped and ``defaultedgetype="directed"`` set, so
    networkx reads everything else.
    """
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'(<edge [^>]*?) type="(?:un)?directed"', r"\1", text)
    text = text.replace("<graph ", '<graph defaultedgetype="directed" ', 1)
    return nx.read_gexf(io.BytesIO(text.encode("utf-8")))


def _hex(viz_color) -> str:
    return "#" + "".join(f"{int(viz_color.get(c)):02x}" for c in "rgb")


def test_gexf_is_gexf_1_3_for_gephi(hostile, written) -> None:
    """GEXF 1.3: its namespaces and version, no ``<graph name="">`` (the schema rejects
    it), the direction on every edge (symmetric types undirected) and the viz module."""
    from lxml import etree

    _, G = hostile
    text = written["gexf"].read_text(encoding="utf-8")
    root = etree.fromstring(text.encode("utf-8"))
    ns, viz = "{http://gexf.net/1.3}", "{http://gexf.net/1.3/viz}"
    assert root.tag == ns + "gexf" and root.get("version") == "1.3"
    assert text.count("xmlns:viz=") == 1  # declared once, on the root
    graph = root.find(ns + "graph")
    # No defaultedgetype: Gephi 0.10.1 drops undirected edges (SEVERE "Edge type doesn't
    # fit with default set (DIRECTED)") when it is "directed"; every edge names its type.
    assert set(graph.keys()) == {"mode", "timeformat"}
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    schema = G.graph["schema"]
    types = {d["id"]: d["type"] for _, _, d in G.edges(data=True)}
    edges = graph.find(ns + "edges").findall(ns + "edge")
    assert len(edges) == G.number_of_edges()
    for e in edges:
        rel_type = types[e.get("id")]
        want = "undirected" if schema.relationship_types[rel_type].symmetric else "directed"
        assert (e.get("type"), e.get("kind"), e.get("label")) == (want, rel_type, rel_type)
        color = e.find(viz + "color")
        # the views' colour of the type: its family's (one colour per family)
        assert _hex(color) == views.type_color(schema, rel_type).lower()
    assert {"undirected", "directed"} == {e.get("type") for e in edges}
    for node in graph.find(ns + "nodes").findall(ns + "node"):
        kind = G.nodes[node.get("id")]["kind"]
        color = node.find(viz + "color")
        assert _hex(color) == schema.kinds[kind].color.lower()
        assert 6.0 <= float(node.find(viz + "size").get("value")) <= 28.0
        assert node.find(viz + "position") is not None


def test_gexf_dynamic_round_trip(hostile, written) -> None:
    _, G = hostile
    H = _read_gexf_as_directed(written["gexf"])
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    assert H.graph["mode"] == "dynamic"
    by_id = {d["id"]: d for _, _, d in H.edges(data=True)}
    # Spells are whole years, as the views' time rule (graph.active_in): 1994-05 holds
    # in 1994. The partial dates stay as start_date / end_date.
    r014 = by_id["r014"]
    assert (r014["start"], r014["end"]) == ("1994-01-01", "1994-12-31")
    assert (r014["start_date"], r014["end_date"]) == ("1994-05", "1994-05")
    assert r014["rel_type"] == "BROKERED" and r014["label"] == "BROKERED"
    assert "start" not in by_id["r015"] and "end" not in by_id["r015"]  # undated: open
    assert by_id["r005"]["start"] == "1988-01-01" and "end" not in by_id["r005"]
    for n, d in H.nodes(data=True):
        assert "viz" in d and d["label"] == G.nodes[n]["name"]


def test_gexf_node_spells_are_the_years_of_their_relationships() -> None:
    """A node's spells merge its relationships' years (touching ranges join); a node
    with an undated relationship has none (always there)."""
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="r1", start_year=1991, end_year=1993)
    G.add_edge("a", "c", key="r2", start_year=1994, end_year=1995)
    G.add_edge("a", "d", key="r3", start_year=2001, end_year=None)
    G.add_edge("e", "b", key="r4", start_year=None, end_year=None)
    H = exports.gexf_graph(G)
    assert H.nodes["a"]["spells"] == [("1991-01-01", "1995-12-31"), ("2001-01-01", None)]
    assert (H.nodes["c"]["start"], H.nodes["c"]["end"]) == ("1994-01-01", "1995-12-31")
    assert "start" not in H.nodes["b"] and "spells" not in H.nodes["b"]  # r4: always
    assert H.nodes["d"]["start"] == "2001-01-01" and "end" not in H.nodes["d"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_attributes_beyond_the_schema_are_written_too(hostile, fmt, tmp_path) -> None:
    """The writers declare the attributes from the schema's fields; a graph that carries
    more (added by hand) is written with those too, not refused and not cut."""
    ds, G = hostile
    H = G.copy()
    u, v, k = next(iter(H.edges(keys=True)))
    H.nodes[u]["note_by_hand"] = "mine & yours"
    H.edges[u, v, k]["weight_by_hand"] = 2
    path = tmp_path / f"g.{fmt}"
    if fmt == "graphml":
        exports.write_graphml(H, path)
        A = nx.read_graphml(path, force_multigraph=True)
    else:
        exports.write_gexf(H, ds.schema, path)
        A = _read_gexf_as_directed(path)
    assert A.nodes[u]["note_by_hand"] == "mine & yours"
    assert [d["weight_by_hand"] for _, _, d in A.edges(data=True) if "weight_by_hand" in d] == [2]


@pytest.mark.parametrize("text", ["a<b>&c", 'q"uote\'s', "tab\tnl\ncr\r", "ünï €"])
def test_xml_escaping_is_lxmls(text: str) -> None:
    """The writers escape text and attribute values byte for byte as lxml does."""
    from lxml import etree

    from graph_loader.exports.flat import xml_attr, xml_text

    el = etree.Element("e", a=text)
    el.text = text
    assert etree.tostring(el, encoding="unicode") == f'<e a="{xml_attr(text)}">{xml_text(text)}</e>'


@pytest.mark.parametrize("which", ["hostile", "shipped"])
def test_gexf_reads_back_as_networkx_writes_it(which, hostile, tmp_path) -> None:
    """The streaming writer and ``nx.write_gexf(..., version="1.3")`` of gexf_graph give
    the same graph to nx.read_gexf, once the edge directions networkx cannot read are
    dropped; networkx writes ``kind`` as an attribute, we as GEXF's edge kind."""
    ds = hostile[0] if which == "hostile" else load_dataset(DATA_DIR)
    G = hostile[1] if which == "hostile" else build_graph(ds)
    exports.write_gexf(G, ds.schema, tmp_path / "ours.gexf")
    nx.write_gexf(exports.gexf_graph(G, ds.schema), tmp_path / "nx.gexf", encoding="utf-8",
                  version="1.3")
    A = _read_gexf_as_directed(tmp_path / "ours.gexf")
    B = nx.read_gexf(tmp_path / "nx.gexf")
    assert A.graph == B.graph and A.graph["mode"] == "dynamic"
    assert list(A.nodes(data=True)) == list(B.nodes(data=True))
    assert type(A) is type(B)  # read back as multigraph only if it has parallel edges
    for _, _, d in B.edges(data=True):
        d.pop("kind")
    assert list(A.edges(data=True)) == list(B.edges(data=True))
    assert A.number_of_edges() == G.number_of_edges()


def test_gexf_node_measures_from_the_analyses(hostile, tmp_path) -> None:
    from graph_loader.analyses import run_all

    ds, G = hostile
    analyses = run_all(G, ds.schema, years=[])
    H = _read_gexf_as_directed(exports.write_gexf(G, ds.schema, tmp_path / "g.gexf", analyses))
    pr = analyses.centrality["pagerank"]
    for n, d in H.nodes(data=True):
        assert d["pagerank"] == pytest.approx(pr[n])
        assert d["betweenness"] == pytest.approx(analyses.centrality["betweenness"][n])
        assert d["community"] == analyses.community_of[n]
        assert d["brokerage_role"] in {"", "coordinator", "itinerant", "representative",
                                       "gatekeeper", "liaison"}
    plain = _read_gexf_as_directed(exports.write_gexf(G, ds.schema, tmp_path / "plain.gexf"))
    assert all("pagerank" not in d for _, d in plain.nodes(data=True))
    # write_all passes the analyses to the GEXF (a build's graph.gexf has the measures).
    paths = exports.write_all(ds, G, tmp_path / "all", analyses=analyses)
    built = _read_gexf_as_directed(paths["gexf"])
    assert {n: d["pagerank"] for n, d in built.nodes(data=True)} == {
        n: d["pagerank"] for n, d in H.nodes(data=True)}


def test_gexf_text_xml_cannot_hold_is_still_written(tmp_path) -> None:
    """lxml refuses a control character; networkx's writer then writes the file."""
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="r1", note="bell\x07", type="SUPPORTS")
    exports.write_gexf(G, None, tmp_path / "g.gexf")
    assert "bell\x07" in (tmp_path / "g.gexf").read_text(encoding="utf-8")


def test_node_link_json_round_trip(hostile, written) -> None:
    _, G = hostile
    data = json.loads(written["json"].read_text(encoding="utf-8"))
    H = nx.node_link_graph(data, edges="edges")
    assert H.is_multigraph() and H.is_directed()
    assert H.number_of_edges() == G.number_of_edges()
    assert H.nodes["aze"]["aliases"] == ["Republic of Azerbaijan", "Azərbaycan"]
    assert H.edges["rus", "arm", "r015"]["start_year"] is None
    # written as it goes, yet the same document as networkx's node_link_data
    assert data == json.loads(json.dumps(exports.node_link(G), default=str))


def test_cyjs_elements_and_schema_colours(hostile, written) -> None:
    """graph.cyjs: valid JSON, every node and edge once, each kind's and type's colour."""
    ds, G = hostile
    doc = json.loads(written["cyjs"].read_text(encoding="utf-8"))
    assert written["cyjs"].name == "graph.cyjs"
    assert doc["format_version"] == "1.0"
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    assert len(nodes) + len(edges) == G.number_of_nodes() + G.number_of_edges()
    assert {n["data"]["id"] for n in nodes} == set(G.nodes)
    assert {e["data"]["id"] for e in edges} == {k for _, _, k in G.edges(keys=True)}
    aze = next(n["data"] for n in nodes if n["data"]["id"] == "aze")
    assert aze["aliases"] == ["Republic of Azerbaijan", "Azərbaycan"]  # lists stay lists
    r015 = next(e["data"] for e in edges if e["data"]["id"] == "r015")
    assert (r015["source"], r015["target"], r015["start_year"]) == ("rus", "arm", None)
    rules = {r["selector"]: r["style"] for r in doc["style"]}
    assert rules["node"]["label"] == "data(name)"
    for name, kind in ds.schema.kinds.items():
        assert rules[f'node[kind = "{name}"]']["background-color"] == kind.color
    for name, rt in ds.schema.relationship_types.items():
        style = rules[f'edge[type = "{name}"]']
        # the views' colour of the type: its family's
        assert style["line-color"] == style["target-arrow-color"] == views.type_color(
            ds.schema, name)
        assert (style.get("target-arrow-shape") == "none") == rt.symmetric
    # every element's kind or type has its rule
    assert {f'node[kind = "{n["data"]["kind"]}"]' for n in nodes} <= rules.keys()
    assert {f'edge[type = "{e["data"]["type"]}"]' for e in edges} <= rules.keys()


def _cyjs_reference(G, schema) -> str:
    """graph.cyjs as one json.dumps of the document (what write_cyjs streams)."""
    from graph_loader.exports.cyjs import cyjs

    return json.dumps(cyjs(G, schema), ensure_ascii=False, indent=1, default=str) + "\n"


def test_cyjs_streamed_equals_json_dumps(hostile, written, tmp_path) -> None:
    """The streamed writer gives json.dumps's text, byte for byte: for the hostile data,
    odd keys and values, and graphs it hands to json (a float) or that have no elements."""
    ds, G = hostile
    assert written["cyjs"].read_text(encoding="utf-8") == _cyjs_reference(G, ds.schema)
    H = nx.MultiDiGraph(name='a "graph"')
    H.add_node("n%s", **{'q"k': 'say "hi"\\', "%d": "\x00\x1f\t\n", "ok": True, "no": None,
                          "n": -(2**70), "xs": ["a", 1, None, False, 'b"'], "ys": (), "é": "ə€😀"})
    H.add_node("m", **{"ok": 1, "no": "x", "xs": "plain"})  # the same keys, other types
    H.add_edge("n%s", "m", key="k1", id="ignored", type="T", source="s", extra=[])
    H.add_edge("m", "m", key=2, weight=False)
    graphs = {"odd": H, "float": nx.MultiDiGraph(), "empty": nx.MultiDiGraph(),
              "nodes only": nx.MultiDiGraph()}
    graphs["float"].add_node("f", x=1e-05)
    graphs["nodes only"].add_node("a")
    for name, graph in graphs.items():
        path = exports.write_cyjs(graph, ds.schema, tmp_path / f"{name}.cyjs")
        assert path.read_text(encoding="utf-8") == _cyjs_reference(graph, ds.schema), name


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        ("plain", "'plain'"),
        ("O'Brien", "'O\\'Brien'"),
        ("back\\slash", "'back\\\\slash'"),
        ("end\\", "'end\\\\'"),
        ("\\'", "'\\\\\\''"),
        ("two\nlines\r\tx", "'two\\nlines\\r\\tx'"),
        ('say "hi"', "'say \"hi\"'"),
        ("bell\x07", "'bell\\u0007'"),
        ("Süleymanlı", "'Süleymanlı'"),
    ],
)
def test_cypher_string(text: str, literal: str) -> None:
    assert cypher.cypher_string(text) == literal


def _decode_cypher_string(lit: str) -> str:
    """A reference decoder for the literals cypher_string writes."""
    assert lit[0] == lit[-1] == "'"
    out, i, body = [], 0, lit[1:-1]
    simple = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t"}
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            nxt = body[i + 1]
            if nxt == "u":
                out.append(chr(int(body[i + 2 : i + 6], 16)))
                i += 6
                continue
            out.append(simple[nxt])
            i += 2
            continue
        assert ch != "'", "unescaped quote inside a literal"
        out.append(ch)
        i += 1
    return "".join(out)


@pytest.mark.parametrize(
    "text", ["<img src=x onerror=alert(1)>", "a'b\\c", "x\\'); MATCH (n) DETACH DELETE n //",
             "\\", "'", "\n\r\t\x00\u2028"],
)
def test_cypher_string_decodes_back(text: str) -> None:
    assert _decode_cypher_string(cypher.cypher_string(text)) == text


def _cypher_string_per_char(text: str) -> str:
    """The original character-by-character cypher_string, as a reference."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "'":
            out.append("\\'")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ch in "\u2028\u2029\x7f":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def test_cypher_string_equals_the_per_char_escaper() -> None:
    import random

    rng = random.Random(0)
    special = [chr(i) for i in range(0x20)] + list("\\'\"`$\x7f\x80\x85\xa0") + [
        "\u2028", "\u2029", "\ufeff", "\ud800", "é", "ə", "“", "😀"]
    texts = ["", *special]
    for _ in range(2000):
        n = rng.randrange(0, 40)
        texts.append("".join(
            rng.choice(special) if rng.random() < 0.4 else chr(rng.randrange(0x20, 0x3000))
            for _ in range(n)))
    for text in texts:
        assert cypher.cypher_string(text) == _cypher_string_per_char(text), repr(text)


def test_cypher_literal_quotes_a_key_with_a_trailing_newline() -> None:
    from graph_loader.cypher.literals import cypher_literal

    assert cypher_literal({"a\n": 1, "b": 2}) == "{`a\n`: 1, b: 2}"


def test_cypher_literal_maps_and_lists() -> None:
    assert cypher.cypher_literal({"a": [1, None, True], "b c": "x"}) == \
        "{a: [1, null, true], `b c`: 'x'}"
    with pytest.raises(KeyError):
        cypher.inline_parameters("RETURN $missing", {})


def _cypher_literal_reference(value) -> str:
    """The original one-call-per-value cypher_literal, as a reference."""
    import math

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(value)
        return repr(value)
    if value is None:
        return "null"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_cypher_literal_reference(v) for v in value) + "]"
    if isinstance(value, dict):
        items = []
        for k, v in value.items():
            key = str(k) if re.match(r"^[A-Za-z_][A-Za-z0-9_]*\Z", str(k)) else \
                "`" + str(k).replace("`", "``") + "`"
            items.append(f"{key}: {_cypher_literal_reference(v)}")
        return "{" + ", ".join(items) + "}"
    return _cypher_string_per_char(str(value))


def test_cypher_literal_equals_the_per_value_writer() -> None:
    """Maps are written by a format string per shape, lists of strings by joins: the
    text is the one-call-per-value writer's, whatever the keys, types and escapes."""
    import random

    class Text(str):
        def __str__(self) -> str:
            return "other"

    rng = random.Random(1)
    texts = ["", "plain", "O'Brien", "a\\b", "two\nlines", "%s %d %%", "\u2028", "é😀", Text("x")]
    scalars = [*texts, 0, -3, 10**30, True, False, None, 1.5, 1e-7]
    keys = ["id", "props", "a b", "x`y", "a\n", "%s", "100%", 1, True, "_k9"]

    def value(depth: int):
        r = rng.random()
        if depth < 2 and r < 0.15:
            return {rng.choice(keys): value(depth + 1) for _ in range(rng.randrange(0, 5))}
        if depth < 2 and r < 0.3:
            items = [rng.choice(texts) for _ in range(rng.randrange(0, 4))]
            return items if rng.random() < 0.5 else [value(depth + 1) for _ in items]
        return rng.choice(scalars)

    for _ in range(3000):
        v = value(0)
        assert cypher.cypher_literal(v) == _cypher_literal_reference(v), repr(v)
    # the same shape with values that need escaping and values that do not
    for text in texts:
        row = {"id": "r1", "note": text, "n": 3, "ok": True, "gone": None, "xs": [text]}
        assert cypher.cypher_literal(row) == _cypher_literal_reference(row)
    with pytest.raises(ValueError):
        cypher.cypher_literal({"x": float("nan")})


def test_graph_cypher_script(hostile, written) -> None:
    ds, G = hostile
    text = written["cypher"].read_text(encoding="utf-8")
    assert "$" not in text.replace("$$", ""), "a script has no parameters"
    assert "CREATE CONSTRAINT actor_id IF NOT EXISTS" in text
    # labels and types only from the schema's vocabulary
    labels = set(re.findall(r"\(\w+:(\w+)", text)) | set(re.findall(r", a:(\w+)", text))
    assert labels <= set(ds.schema.kinds) | {"Actor", "Source", "Dataset"}
    types = set(re.findall(r"\[r:(\w+)", text))
    assert types == {r.type for r in ds.relationships}
    # every hostile value appears exactly as cypher_string writes it
    assert cypher.cypher_string("O'Brien \\ Backslash “Quotes”") in text
    assert cypher.cypher_string("line one\nline two") in text
    assert cypher.cypher_string("</script><script>alert(1)</script>") in text


def test_graph_cypher_as_of_subset(hostile, tmp_path) -> None:
    from graph_loader.graph import as_of

    ds, G = hostile
    H = as_of(G, 1994)
    text = exports.write_cypher(ds, tmp_path / "g.cypher", H).read_text(encoding="utf-8")
    assert f"{H.number_of_nodes()} actors, {H.number_of_edges()} relationships" in text
    assert "'r027'" not in text  # 2020 peacekeepers are not in the 1994 graph


def test_graph_cypher_passes_neo4j_lint(written) -> None:
    node = shutil.which("node")
    require(node and (LINT_DIR / "node_modules").is_dir(),
            "node and tools/cypher-lint/node_modules (make node-deps) needed")
    out = subprocess.run(
        [node, str(LINT_DIR / "lint.mjs"), str(written["cypher"])],
        capture_output=True, text=True, check=True, timeout=120,
    )
    result = json.loads(out.stdout)
    errors = [d for r in result for d in r["diagnostics"] if d["severity"] == 1]
    assert errors == []


def test_cyjs_loads_in_cytoscape_js(hostile, written) -> None:
    """cytoscape.js (headless, in node) loads graph.cyjs: all elements, the schema colours."""
    ds, G = hostile
    node = shutil.which("node")
    require(node and (CYJS_DIR / "node_modules").is_dir(),
            "node and tools/cyjs-check/node_modules (make node-deps) needed")
    out = subprocess.run(
        [node, str(CYJS_DIR / "check.mjs"), str(written["cyjs"])],
        capture_output=True, text=True, check=True, timeout=120,
    )
    seen = json.loads(out.stdout)
    assert (seen["nodes"], seen["edges"]) == (G.number_of_nodes(), G.number_of_edges())
    assert seen["dangling"] == 0

    def rgb(color: str) -> str:
        return "rgb({},{},{})".format(*(int(color[i:i + 2], 16) for i in (1, 3, 5)))

    for kind, resolved in seen["kinds"].items():
        assert resolved == rgb(ds.schema.kinds[kind].color), kind
    for rtype, resolved in seen["types"].items():
        rt = ds.schema.relationship_types[rtype]
        assert resolved == {"color": rgb(views.type_color(ds.schema, rtype)),
                            "arrow": "none" if rt.symmetric else "triangle"}, rtype


def test_write_all_reports_each_file(hostile, tmp_path) -> None:
    ds, G = hostile
    seen: list[tuple[str, float]] = []
    paths = exports.write_all(ds, G, tmp_path, progress=lambda n, s: seen.append((n, s)))
    assert [n for n, _ in seen] == list(paths) == ["graphml", "gexf", "json", "cyjs", "cypher"]
    assert all(s >= 0 for _, s in seen) and all(p.is_file() for p in paths.values())


def test_write_all_writes_the_formats_named_in_registry_order(hostile, tmp_path) -> None:
    ds, G = hostile
    paths = exports.write_all(ds, G, tmp_path, names=["cypher", "graphml"])
    assert list(paths) == ["graphml", "cypher"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.cypher", "graph.graphml"]
    with pytest.raises(ValueError, match="no export format pdf"):
        exports.write_all(ds, G, tmp_path, names=["pdf", "gexf"])


def test_a_new_format_is_one_registry_entry(monkeypatch, tmp_path: Path) -> None:
    from graph_loader.build import run_build

    def write_edges(ds, G, path: Path) -> Path:
        path.write_text("".join(f"{u}\t{v}\n" for u, v in G.edges()), encoding="utf-8")
        return path

    edges = exports.ExportFormat("graph.tsv", "TSV", "Tab-separated <edge> list", write_edges)
    monkeypatch.setitem(exports.FORMATS, "tsv", edges)
    result = run_build(FIXTURES / "good", tmp_path / "out")
    tsv = tmp_path / "out" / "exports" / "graph.tsv"
    assert tsv in result.files["exports"]
    assert tsv.read_text(encoding="utf-8").count("\n") == 5
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="exports/graph.tsv"' in index and "Tab-separated &lt;edge&gt; list" in index
