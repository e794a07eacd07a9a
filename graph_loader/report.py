"""The analysis report (``report.md`` and ``report.html``) and the entry page ``index.html``.

The report is assembled once as a list of :class:`Section` objects (headings,
plain-language paragraphs, tables, images) and then rendered twice: as Markdown
(cells escaped for Markdown) and as HTML (``templates/report.html`` through
:func:`graph_loader.pages.render`, which escapes every value). The entry page is
``templates/index.html``. Every actor appears by name, never by id.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from graph_loader.analyses import Analyses
from graph_loader.analyses.temporal import CHAIR_TYPES, chair_periods, minsk_bodies
from graph_loader.graph import edge_items
from graph_loader.pages import render

TOP = 10

#: What each centrality measure means here, in plain language.
MEASURES: dict[str, tuple[str, str]] = {
    "pagerank": (
        "PageRank (influence)",
        "PageRank on the influence graph: who gains influence from memberships, chairs, "
        "co-chairs, mediation, support and the other relationships. The schema says which "
        "end of each relationship gains (e.g. an organization gains from its members, a "
        "chair from the body it chairs); an actor ranks high when influential actors "
        "confer influence on it.",
    ),
    "betweenness": (
        "Betweenness",
        "How often the actor lies on the shortest path between two others: the go-betweens "
        "that link otherwise separate parts of the network, such as mediators between the "
        "parties and the organizations.",
    ),
    "closeness": (
        "Closeness",
        "How few steps the actor needs to reach everyone else in its part of the network: "
        "a central position from which information and pressure travel quickly.",
    ),
    "degree": (
        "Degree",
        "How many relationships the paper documents for the actor, in either direction: "
        "the actors the paper has most to say about.",
    ),
}

BROKERAGE_ROLES: dict[str, str] = {
    "coordinator": "links two actors of its own kind (e.g. a state between two states)",
    "itinerant": "links two actors of one other kind (an outsider mediating within a group)",
    "representative": "passes influence from its own kind to another kind",
    "gatekeeper": "lets influence from another kind into its own kind",
    "liaison": "links two kinds that are both different from its own",
}


# --------------------------------------------------------------------------- model


@dataclass
class Table:
    """A table of plain-text cells."""

    header: list[str]
    rows: list[list[Any]]
    caption: str = ""


@dataclass
class Section:
    """A report section: heading, paragraphs, tables and images, in that order."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    images: list[tuple[str, str]] = field(default_factory=list)
    level: int = 2


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isnan(value):
            return "–"
        if value == int(value) and abs(value) < 1e9:
            return str(int(value))
        return f"{value:.3f}" if abs(value) >= 0.001 else f"{value:.2e}"
    if isinstance(value, (list, tuple, set)):
        return ", ".join(_fmt(v) for v in value)
    return str(value)


def _name(G: nx.Graph, n: Any) -> str:
    return str(G._node[n].get("name", n)) if n in G else str(n)


def _names(G: nx.Graph, nodes: Iterable[Any]) -> str:
    return ", ".join(sorted((_name(G, n) for n in nodes), key=lambda name: (name.lower(), name)))


# --------------------------------------------------------------------------- sections


@dataclass
class _EdgeScan:
    """What the sections read from every relationship, gathered in one pass.

    At a million relationships each pass over their data dicts costs about a second:
    in adjacency order they lie scattered in memory (allocated in the data's order).
    """

    types: list[Any]  # each relationship's type ("" if none), in G.edges' order
    listing: set[Any]  # the keys of the relationships whose contradicts lists others

    @classmethod
    def of(cls, G: nx.MultiDiGraph) -> _EdgeScan:
        """The scan of ``G`` (G.edges(keys=True, data=True)'s order, from the dicts)."""
        rows = [(k, d.get("type", ""), d.get("contradicts")) for nbrs in G._adj.values()
                for kd in nbrs.values() for k, d in kd.items()]
        return cls([t for _, t, _ in rows], {k for k, _, listed in rows if listed})


def _overview(G: nx.MultiDiGraph, as_of: int | None, scan: _EdgeScan | None = None) -> Section:
    kinds = pd.Series([d.get("kind", "") for _, d in G.nodes(data=True)]).value_counts()
    # one type per relationship, in G.edges(data=True)'s order
    edge_types = (scan or _EdgeScan.of(G)).types
    types = pd.Series(edge_types).value_counts()
    scope = f"as of {as_of}" if as_of else "over the whole period"
    sec = Section(
        "Overview",
        [
            f"The graph {scope} has {G.number_of_nodes()} actors of {len(kinds)} kinds and "
            f"{len(edge_types)} relationships of {len(types)} types, each backed by a "
            "quotation from Hasanoglu & Süleymanlı (2024).",
        ],
    )
    sec.tables.append(Table(["Kind", "Actors"], [[k, int(v)] for k, v in kinds.items()]))
    sec.tables.append(
        Table(["Relationship type", "Relationships"], [[k, int(v)] for k, v in types.items()])
    )
    return sec


def _agents(a: Analyses, table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a per-actor table (indexed by id) whose actor is an agent."""
    c = a.centrality
    ids = set(c.index[c["agent"].astype(bool)]) if "agent" in c.columns else set(c.index)
    return table[table.index.isin(ids)]


def _top(table: pd.DataFrame, col: str, n: int, descending: bool = True) -> pd.DataFrame:
    """``table.sort_values([col, "name"], ascending=[not descending, True]).head(n)``.

    Only the rows that can be among the first ``n`` are sorted: those whose value is at
    least as good as the n-th best (sorting a whole per-actor table by name as well
    costs ~0.1 s at 100,000 actors, for each of a dozen lists). The sort is stable, so
    the rows it leaves out change nothing; with fewer than ``n`` values (NaN sorts
    last) or a column that is not numeric, the whole table is sorted.
    """
    values = table[col]
    if len(table) > n and values.dtype.kind in "iuf" and values.count() >= n:
        nth = (values.nlargest(n) if descending else values.nsmallest(n)).iloc[-1]
        table = table[values >= nth] if descending else table[values <= nth]
    return table.sort_values([col, "name"], ascending=[not descending, True]).head(n)


#: How PageRank is shared between the agents' rankings and the arenas' table.
PAGERANK_SCOPE = (
    "PageRank is computed once, on the whole influence graph, so influence that reaches a "
    "process, conflict or document passes on to the agents who lead, chair or mediate it; "
    "the rankings then list agents only and the arenas have their own table, so neither "
    "list's values sum to 1."
)


def _centrality(a: Analyses) -> Section:
    sec = Section(
        "Who matters: centrality",
        [
            "Each table lists the top agents (states, organizations, bodies, offices, "
            "persons and groups: the kinds the schema marks as agents) by one measure. "
            "Conflicts, processes, agreements, documents, programmes and territories are "
            "what the agents act on; they are measured in the next section, not ranked "
            "here. The measures answer different questions, so the lists differ.",
            PAGERANK_SCOPE,
        ],
    )
    t = _agents(a, a.centrality)
    for col, (label, meaning) in MEASURES.items():
        if col not in t.columns:
            continue
        top = _top(t, col, TOP)
        header = ["#", "Agent", "Kind", label]
        if col == "degree":
            header += ["in", "out", "symmetric"]
            meaning += (
                " In counts the directed relationships pointing at the agent, out those "
                "it states, symmetric the undirected ones (allies, cooperation, conflict), "
                "each once; degree = in + out + symmetric."
            )
        rows = []
        for i, (_, r) in enumerate(top.iterrows(), 1):
            row = [i, r["name"], r["kind"], _fmt(float(r[col]))]
            if col == "degree":
                row[-1] = int(r[col])
                row += [int(r.get(c, 0)) for c in
                        ("degree_in", "degree_out", "degree_symmetric")]
            rows.append(row)
        sec.tables.append(Table(header, rows, f"{label}: {meaning}"))
    sec.images.append(("plots/centrality.png", "Top agents by PageRank and betweenness"))
    return sec


def _arenas(a: Analyses) -> Section:
    t = a.arenas
    sec = Section(
        "Arenas and instruments",
        [
            "The conflicts, processes, agreements, documents, programmes and territories "
            "the agents fight over, negotiate in, sign, adopt, run or claim. They are not "
            "actors, so they are measured by how the agents engage them: how many agents "
            "have a relationship with each, how many relationships (in: those pointing at "
            "it, such as mediating, signing or adopting it), and of which types.",
            PAGERANK_SCOPE,
        ],
    )
    if t is None or t.empty:
        sec.paragraphs.append("No arenas or instruments in this graph.")
        return sec
    top = t.head(TOP * 2)
    rows = [
        [i, r["name"], r["kind"], int(r["agents"]), int(r["relationships"]),
         int(r["degree_in"]), r["engaged_by"], _fmt(float(r["pagerank"]))]
        for i, (_, r) in enumerate(top.iterrows(), 1)
    ]
    more = f" (first {len(top)} of {len(t)})" if len(t) > len(top) else ""
    sec.tables.append(Table(
        ["#", "Arena or instrument", "Kind", "Agents", "Relationships", "in",
         "Relationships with agents, by type", "PageRank"],
        rows,
        "By the number of agents engaging them, then relationships" + more + ".",
    ))
    return sec


def _brokerage(a: Analyses) -> Section:
    b = a.brokerage
    sec = Section(
        "Brokerage roles",
        [
            "Gould and Fernandez's brokerage roles count, for each actor, the open two-step "
            "paths of influence A → broker → B it sits on, by the kinds of A, the broker and B "
            "(groups = node kinds). A broker is a:",
            "; ".join(f"{role}: {what}" for role, what in BROKERAGE_ROLES.items()) + ".",
            "z-scores compare the counts with what a random network of the same density would "
            "give (z > 2: clearly more than chance).",
        ],
    )
    if b is None or b.empty:
        sec.paragraphs.append("No brokerage paths in this graph.")
        return sec
    b = _agents(a, b)
    roles = [r for r in BROKERAGE_ROLES if r in b.columns]
    sort_col = "total" if "total" in b.columns else roles[0]
    top = _top(b, sort_col, TOP)
    top = top[top[sort_col] > 0] if sort_col in top.columns else top
    header = ["Actor", "Kind", *roles, "total", "z (total)"]
    rows = [
        [r["name"], r.get("group", ""), *[_fmt(r[c]) for c in roles],
         _fmt(r.get("total")), _fmt(r.get("z_total"))]
        for _, r in top.iterrows()
    ]
    sec.tables.append(Table(header, rows, "Top brokers (agents) by total brokerage."))
    for role in roles:
        best = _top(b[b[role] > 0], role, 3)
        if len(best):
            sec.paragraphs.append(
                f"Leading {role}s: " + ", ".join(
                    f"{r['name']} ({_fmt(r[role])})" for _, r in best.iterrows()
                ) + "."
            )
    return sec


def _holes(a: Analyses) -> Section:
    h = a.holes
    sec = Section(
        "Structural holes",
        [
            "Burt's structural holes: an actor whose contacts are not tied to each other "
            "spans holes in the network and can broker between them. Effective size counts "
            "the non-redundant contacts; constraint is low when the contacts are many and "
            "unconnected (a broker's position) and high when they all know each other.",
        ],
    )
    if h is None or h.empty:
        return sec
    h = _agents(a, h)
    valid = h.dropna(subset=["constraint"]) if "constraint" in h.columns else h
    low = _top(valid, "constraint", TOP, descending=False)
    sec.tables.append(
        Table(
            ["Actor", "Kind", "Contacts", "Effective size", "Efficiency", "Constraint"],
            [
                [r["name"], r["kind"], _fmt(r.get("degree")), _fmt(r.get("effective_size")),
                 _fmt(r.get("efficiency")), _fmt(r.get("constraint"))]
                for _, r in low.iterrows()
            ],
            "Least constrained agents (best positioned to broker).",
        )
    )
    return sec


def _communities(G: nx.MultiDiGraph, a: Analyses) -> Section:
    comms = [c for c in a.communities if len(c) > 1]
    sec = Section(
        "Communities",
        [
            "Louvain communities on the undirected network (weight = number of "
            "relationships): groups of actors more densely related among themselves than "
            "with the rest.",
            f"{len(comms)} communities of two or more actors"
            + (f" and {len(a.communities) - len(comms)} isolated actors." if
               len(a.communities) > len(comms) else "."),
        ],
    )
    rows = [[i, len(c), _names(G, c)] for i, c in enumerate(comms, 1)]
    sec.tables.append(Table(["#", "Size", "Members"], rows))
    return sec


def _comembership(G: nx.MultiDiGraph, a: Analyses) -> Section:
    P = a.comembership
    sec = Section(
        "Co-membership",
        [
            "Members tied by the organizations and bodies they belong to together "
            "(MEMBER_OF): the pairs sharing the most memberships.",
        ],
    )
    if P is None or P.number_of_edges() == 0:
        sec.paragraphs.append("No two members share an organization in this graph.")
        return sec
    pairs = sorted(
        P.edges(data=True),
        key=lambda e: (-e[2].get("weight", 0), _name(G, e[0]).lower(), _name(G, e[1]).lower()),
    )[: TOP * 2]
    rows = [
        [
            " / ".join(sorted((_name(G, u), _name(G, v)), key=lambda name: (name.lower(), name))),
            e.get("weight", 0),
            _names(G, e.get("organizations", [])),
        ]
        for u, v, e in pairs
    ]
    sec.tables.append(Table(["Pair", "Shared", "Organizations"], rows))
    return sec


def _when(d: Mapping[str, Any]) -> str:
    """A relationship's dates: ``1992–2020``, ``1992–``, ``–2020`` or ``undated``."""
    start, end = d.get("start") or "", d.get("end") or ""
    if not start and not end:
        return "undated"
    return start if start == end else f"{start}–{end}"


def _negative_pairs(r: Any) -> list[tuple[Any, Any]]:
    signs = {(r.a, r.b): r.sign_ab, (r.b, r.c): r.sign_bc, (r.a, r.c): r.sign_ac}
    return [pair for pair, sign in signs.items() if sign < 0]


def _pivot(r: Any) -> Any:
    """The agent with positive ties to both ends of a ``++-`` triangle's negative tie."""
    negative = _negative_pairs(r)
    if len(negative) != 1:
        return None
    return next(v for v in (r.a, r.b, r.c) if v not in negative[0])


def _triad_sentence(G: nx.MultiDiGraph, r: Any) -> str:
    """What an unbalanced triangle says, in words (``++-``: who is caught between whom)."""
    pivot = _pivot(r)
    if pivot is not None:
        x, y = _negative_pairs(r)[0]
        return (f"{_name(G, pivot)} has positive ties with both {_name(G, x)} and "
                f"{_name(G, y)}, which have a negative tie with each other.")
    return f"{_name(G, r.a)}, {_name(G, r.b)} and {_name(G, r.c)} all have negative ties."


def _balance(G: nx.MultiDiGraph, a: Analyses) -> Section:
    s = a.balance or {}
    sec = Section(
        "Structural balance",
        [
            "The signed network holds only the ties of affect and conflict between agents "
            "that the schema declares signed: alliance, support, aid, cooperation and "
            "alignment (+), and conflict, rivalry, pressure, exclusion, condemnation, "
            "seeking to exclude and leaving a sphere of influence (−). Memberships, chairs, "
            "participation and documents are not such ties (they feed the co-membership "
            "section instead), and neither are neutral stances such as balancing between "
            "powers or not provoking one.",
            "Balance theory (Heider; Cartwright and Harary) asks whether these ties can be "
            "read as two camps, friends within and adversaries across. A triangle of three "
            "agents is balanced when the product of its signs is positive: the friend of my "
            "friend is my friend (+++), the enemy of my enemy is my friend (+−−). An "
            "unbalanced triangle (++−) is an agent with positive ties to two agents at odds "
            "with each other; the theory expects strain there: the one in the middle is "
            "pulled to choose a side, or its two partners to reconcile. For this case, "
            "balance asks whether the ties the paper documents sort the agents into two "
            "camps around the conflict and the rivalries of the region; the unbalanced "
            "triangles are the places where they do not, where an agent is tied "
            "positively to both sides of an antagonism.",
        ],
    )
    n = int(s.get("triangles", 0) or 0)
    if not n:
        sec.paragraphs.append("The signed network has no triangles.")
        sec.images.append(("plots/signed-network.png", "The signed network"))
        return sec
    t = a.triads
    unbalanced = t[~t["balanced"].astype(bool)].head(TOP * 2)
    pivots = sorted({_pivot(r) for r in unbalanced.itertuples()} - {None}, key=str)
    sec.paragraphs.append(
        f"{n} triangles: {s.get('balanced', 0)} balanced, {s.get('unbalanced', 0)} "
        f"unbalanced (balance ratio {_fmt(s.get('ratio'))})."
        + (f" Caught between two agents at odds: {_names(G, pivots)}." if pivots else "")
    )
    by_signs = s.get("by_signs") or {}
    if by_signs:
        sec.tables.append(
            Table(["Signs", "Triangles"], [[k, v] for k, v in by_signs.items()])
        )
    edges = {str(d.get("id", k)): (u, v, d) for u, v, k, d in edge_items(G)}
    rows = []
    for r in unbalanced.itertuples():
        sec.paragraphs.append(f"Unbalanced: {r.names} ({r.signs}). {_triad_sentence(G, r)}")
        for (x, y), sign, ties in (((r.a, r.b), r.sign_ab, r.ties_ab),
                                   ((r.b, r.c), r.sign_bc, r.ties_bc),
                                   ((r.a, r.c), r.sign_ac, r.ties_ac)):
            for rid in filter(None, str(ties).split(";")):
                u, v, d = edges.get(rid, (x, y, {}))
                rows.append([
                    r.names, f"{_name(G, x)} – {_name(G, y)}", "+" if sign > 0 else "−",
                    f"{_name(G, u)} {d.get('type', '?')} {_name(G, v)}", _when(d),
                    f"“{d.get('evidence', '')}” (section {d.get('section', '?')})",
                ])
    if rows:
        more = " (first 20)" if len(unbalanced) == TOP * 2 < int(s.get("unbalanced", 0)) else ""
        sec.tables.append(Table(
            ["Triangle", "Tie", "Sign", "Relationship", "Dates", "Evidence"], rows,
            "The unbalanced triangles tie by tie: each relationship behind each of the "
            "three ties, with its dates and the quotation it rests on" + more + ".",
        ))
    part = t[t["balanced"].astype(bool)].head(TOP * 2)
    if len(part):
        sec.tables.append(
            Table(["Triangle", "Signs"], [[r["names"], r["signs"]] for _, r in part.iterrows()],
                  "Balanced triangles" + (" (first 20)" if len(part) == TOP * 2 else ""))
        )
    sec.images.append(("plots/signed-network.png", "The signed network"))
    return sec


def _time(a: Analyses) -> Section:
    t = a.by_year
    sec = Section(
        "Over time",
        [
            "The network year by year: the relationships holding in each year (within their "
            "own dates; an undated relationship while both its ends exist) and the actors "
            "they touch; density is the "
            "share of possible pairs that are related; the top agent has the highest "
            "PageRank among the agents that year.",
        ],
    )
    if t is None or t.empty:
        sec.paragraphs.append("No dated relationships.")
        return sec
    rows: list[list[Any]] = []
    last_key = None
    for year, r in t.iterrows():
        cells = [int(r["nodes"]), int(r["edges"]), _fmt(float(r["density"])),
                 int(r["components"]), r["top_name"], _fmt(float(r["top_pagerank"]))]
        if rows and cells == last_key and rows[-1][-1] == int(year) - 1:
            rows[-1][0] = f"{rows[-1][0].split('–')[0]}–{year}"
            rows[-1][-1] = int(year)
        else:
            rows.append([str(year), *cells, int(year)])
        last_key = cells
    rows = [row[:-1] for row in rows]
    sec.tables.append(
        Table(["Year(s)", "Actors", "Relationships", "Density", "Components", "Top agent",
               "Its PageRank"], rows,
              "Consecutive years with identical measures are merged into one row.")
    )
    sec.images.append(("plots/timeline.png", "Memberships, chairs and co-chairs over time"))
    return sec


def _tensions(G: nx.MultiDiGraph, scan: _EdgeScan | None = None) -> Section:
    """The paper's tensions: the pairs of claims linked by ``contradicts``
    (:meth:`graph_loader.model.Dataset.contradictions`), each with both quotes."""
    # the claims that list others, and the ones they list: not a map of every id; the
    # scan finds the first (in most data: none), a list of every edge only if some
    wanted = set((scan or _EdgeScan.of(G)).listing)
    edges = [(u, v, k, d) for u, nbrs in G._adj.items() for v, kd in nbrs.items()
             for k, d in kd.items()] if wanted else []  # G.edges(keys=True, data=True)'s
    wanted |= {c for _, _, k, d in edges if k in wanted for c in d["contradicts"]}
    by_id = {k: (u, v, d) for u, v, k, d in edges if k in wanted}

    def claim(k: Any) -> str:
        u, v, d = by_id[k]
        return f"{k}: {_name(G, u)} {d.get('type', '')} {_name(G, v)}"

    # only the few claims that list others are sorted (a stable sort: as sorting all)
    listing = sorted((k for k, (_, _, d) in by_id.items() if d.get("contradicts")), key=str)
    rows = [
        [claim(k), by_id[k][2].get("section", ""), by_id[k][2].get("evidence", ""),
         claim(c), by_id[c][2].get("section", ""), by_id[c][2].get("evidence", "")]
        for k in listing
        for c in by_id[k][2]["contradicts"]
        if c in by_id
    ]
    sec = Section(
        "The paper's tensions",
        [
            "Where the paper contradicts itself, both claims are kept and linked "
            "(the contradicts field of relationships.csv), rather than one being dropped. Each row "
            "is one such pair, with both quotes and the sections they are in.",
        ],
    )
    if not rows:
        sec.paragraphs.append("No linked claims in this graph.")
        return sec
    sec.tables.append(Table(
        ["Claim", "Section", "Quote", "Contradicted by", "Section", "Quote"], rows,
        f"{len(rows)} pairs, by the id of the claim that lists the other."))
    return sec


#: Most chaired bodies in the chronology when no body mentions Minsk (other datasets).
MAX_CHAIRED_BODIES = 20


def _minsk(G: nx.MultiDiGraph) -> Section:
    sec = Section(
        "The Minsk chronology",
        [
            "Who chaired or co-chaired the Minsk Conference and the Minsk Group, period by "
            "period, from the CHAIRS and CO_CHAIRS relationships (a year in which one chair "
            "hands over to another lists both).",
        ],
    )
    bodies = minsk_bodies(G)
    if not bodies:
        sec.paragraphs.append("No chairs recorded.")
        return sec
    if len(bodies) > MAX_CHAIRED_BODIES:  # only with data that has no Minsk body
        n_chairs = {  # the chair relationships into each body (G._pred: plain dicts)
            b: sum(d.get("type") in CHAIR_TYPES for kd in G._pred[b].values()
                   for d in kd.values())
            for b in bodies
        }
        sec.paragraphs.append(
            f"No body mentions Minsk; the {MAX_CHAIRED_BODIES} of {len(bodies)} chaired "
            "bodies with the most chair relationships are shown."
        )
        bodies = sorted(bodies, key=lambda b: (-n_chairs[b], str(b)))[:MAX_CHAIRED_BODIES]
    rows = []
    for body in bodies:
        for start, end, chairs in chair_periods(G, body):
            when = (f"{start}–{end}" if end is not None and end != start else
                    str(start) if end is not None else f"{start}–" if start else "undated")
            rows.append([_name(G, body), when, _names(G, chairs)])
    sec.tables.append(Table(["Body", "Years", "Chair(s)"], rows))
    detail = []
    for v in bodies:
        for u, _, d in G.in_edges(v, data=True):
            if d.get("type") not in CHAIR_TYPES:
                continue
            detail.append([
                _name(G, v), _name(G, u), d["type"], d.get("start") or "?",
                d.get("end") or "ongoing", d.get("section", ""),
            ])
    detail.sort(key=lambda r: (r[0].lower(), str(r[3]), r[1].lower()))
    sec.tables.append(
        Table(["Body", "Chair", "Type", "From", "To", "Section"], detail,
              "The chair relationships behind the chronology.")
    )
    return sec


def build_sections(
    G: nx.MultiDiGraph, analyses: Analyses, as_of: int | None = None
) -> list[Section]:
    """All report sections, in order.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The analysed graph.
    analyses : Analyses
        :func:`graph_loader.analyses.run_all` of ``G``.
    as_of : int, optional
        The ``--as-of`` year, mentioned in the overview.

    Returns
    -------
    list of Section
    """
    scan = _EdgeScan.of(G)  # one pass over the relationships for the two sections
    return [
        _overview(G, as_of, scan),
        _centrality(analyses),
        _arenas(analyses),
        _brokerage(analyses),
        _holes(analyses),
        _communities(G, analyses),
        _comembership(G, analyses),
        _balance(G, analyses),
        _time(analyses),
        _minsk(G),
        _tensions(G, scan),
    ]


# --------------------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!{}])")


def md_escape(text: Any) -> str:
    """Escape text for a Markdown paragraph or table cell (no markup, no HTML, no pipes).

    Examples
    --------
    >>> md_escape("<img src=x> | *a*")
    '\\\\<img src=x\\\\> \\\\| \\\\*a\\\\*'
    """
    s = _MD_SPECIAL.sub(r"\\\1", str(text))
    s = re.sub(r"&(?=#?[A-Za-z0-9]+;)", "&amp;", s)
    return s.replace("\r", " ").replace("\n", " ")


def render_markdown(title: str, sections: Sequence[Section], intro: str = "") -> str:
    """The report as Markdown."""
    out = [f"# {md_escape(title)}", ""]
    if intro:
        out += [md_escape(intro), ""]
    for sec in sections:
        out += ["#" * sec.level + " " + md_escape(sec.title), ""]
        for p in sec.paragraphs:
            out += [md_escape(p), ""]
        for t in sec.tables:
            if t.caption:
                out += [f"*{md_escape(t.caption)}*", ""]
            out.append("| " + " | ".join(md_escape(h) for h in t.header) + " |")
            out.append("|" + "|".join("---" for _ in t.header) + "|")
            for row in t.rows:
                out.append("| " + " | ".join(md_escape(_fmt(c)) for c in row) + " |")
            out.append("")
        for src, alt in sec.images:
            out += [f"![{md_escape(alt)}]({src})", ""]
    return "\n".join(out)


# --------------------------------------------------------------------------- HTML

def render_html(title: str, sections: Sequence[Section], intro: str = "") -> str:
    """The report as one HTML page (``templates/report.html``; every text escaped)."""
    return render("report.html", title=title, intro=intro, sections=sections, fmt=_fmt)


def write_report(
    G: nx.MultiDiGraph,
    analyses: Analyses,
    out_dir: str | Path,
    as_of: int | None = None,
) -> dict[str, Path]:
    """Write ``report.md`` and ``report.html`` into ``out_dir``.

    Returns
    -------
    dict of str to pathlib.Path
        ``md`` and ``html``.
    """
    out = Path(out_dir)
    title = "Actor network report: Hasanoglu & Süleymanlı (2024)"
    if as_of:
        title += f", as of {as_of}"
    intro = (
        "Generated by graph-loader build from data/ (actors, relationships and the "
        "quotations backing them). Names are as in actors.csv; the views/ folder has the "
        "interactive networks."
    )
    sections = build_sections(G, analyses, as_of)
    md = out / "report.md"
    md.write_text(render_markdown(title, sections, intro), encoding="utf-8")
    page = out / "report.html"
    page.write_text(render_html(title, sections, intro), encoding="utf-8")
    return {"md": md, "html": page}


# --------------------------------------------------------------------------- index


def _edge_count(G: nx.Graph) -> int:
    """``G.number_of_edges()``; a MultiDiGraph's counted from its adjacency (networkx
    walks every node's degree view: ~0.7 s at 1M relationships)."""
    if isinstance(G, nx.MultiDiGraph):
        return sum(len(kd) for nbrs in G._succ.values() for kd in nbrs.values())
    return G.number_of_edges()


def _edge_data(G: nx.Graph) -> Iterator[dict]:
    """The data of every edge, in :func:`graph_loader.graph.edge_items`' order (for a
    MultiDiGraph without building its 4-tuples)."""
    if isinstance(G, nx.MultiDiGraph):
        return (d for nbrs in G._succ.values() for kd in nbrs.values() for d in kd.values())
    return (d for *_, d in edge_items(G))


@dataclass
class IndexEntry:
    """A link on the index page."""

    href: str
    text: str
    note: str = ""


def write_index(
    out_dir: str | Path,
    *,
    G: nx.MultiDiGraph,
    analyses: Analyses,
    groups: Mapping[str, Sequence[IndexEntry]],
    as_of: int | None = None,
    years: tuple[int, int] | None = None,
) -> Path:
    """Write ``index.html``: key figures, top agents and links to every output.

    Parameters
    ----------
    out_dir : str or pathlib.Path
        The build directory.
    G : networkx.MultiDiGraph
        The graph the outputs show.
    analyses : Analyses
        Its analyses (the top agents by PageRank; processes, conflicts, documents and
        the other non-agents are not ranked).
    groups : mapping of str to sequence of IndexEntry
        Section title to links (views, report, tables, plots, exports, notebooks).
    as_of : int, optional
        The ``--as-of`` year.
    years : tuple of int, optional
        The data's first and last year.

    Returns
    -------
    pathlib.Path
        The page written.
    """
    out = Path(out_dir)
    kinds = {d.get("kind") for _, d in G.nodes(data=True)}
    types = {d.get("type") for d in _edge_data(G)}
    title = "Karabakh actor graph" + (f" — as of {as_of}" if as_of else "")
    figures = [
        ("actors", G.number_of_nodes()),
        ("relationships", _edge_count(G)),
        ("kinds of actor", len(kinds)),
        ("relationship types", len(types)),
    ]
    if years:
        figures.append(("years covered", f"{years[0]}–{years[1]}"))
    agents = _agents(analyses, analyses.centrality)
    top = [
        {"name": r["name"], "kind": r["kind"], "pagerank": _fmt(float(r["pagerank"]))}
        for _, r in _top(agents, "pagerank", TOP).iterrows()
    ]
    path = out / "index.html"
    page = render("index.html", title=title, figures=figures, top=top, groups=groups)
    path.write_text(page, encoding="utf-8")
    return path
