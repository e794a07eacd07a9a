"""Network analyses of the relationship graph.

Each analysis is a small function documented with its definition and reference:

- :mod:`.centrality`: :func:`degrees`, :func:`betweenness`, :func:`closeness`,
  :func:`pagerank`, :func:`centrality_table`.
- :mod:`.arenas`: :func:`agents_only`, :func:`rank_agents` (rankings list agents only),
  :func:`arenas_table` (the arenas and instruments: conflicts, processes, documents...).
- :mod:`.brokerage`: :func:`brokerage_counts`, :func:`brokerage` (Gould-Fernandez as R's
  ``sna::brokerage``), :func:`brokerage_table`.
- :mod:`.holes`: :func:`constraint`, :func:`effective_size`, :func:`structural_holes`.
- :mod:`.communities`: :func:`louvain`, :func:`community_of`.
- :mod:`.comembership`: :func:`membership_network`, :func:`comembership`.
- :mod:`.balance`: :func:`signed_triads`, :func:`balance_summary`.
- :mod:`.temporal`: :func:`measures_by_year`, :func:`chairs_as_of`, :func:`minsk_bodies`,
  :func:`chair_periods`.
- :mod:`.ego`: :func:`ego_network`, :func:`main_actors`.
- :mod:`.backend`: :func:`~.backend.to_igraph` and the shared conversions: where igraph
  computes the same definition faster, an analysis runs on igraph's C core (networkx
  graphs in, node-keyed results out).

:func:`run_all` computes everything the build, the report and the views need.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from graph_loader.analyses.arenas import agents_only, arenas_table, rank_agents
from graph_loader.analyses.backend import derived, shared_conversions, to_igraph
from graph_loader.analyses.balance import balance_summary, signed_triads
from graph_loader.analyses.brokerage import Brokerage, brokerage, brokerage_counts, brokerage_table
from graph_loader.analyses.centrality import (
    betweenness,
    centrality_table,
    closeness,
    degrees,
    pagerank,
)
from graph_loader.analyses.comembership import comembership, membership_network
from graph_loader.analyses.communities import community_of, louvain
from graph_loader.analyses.ego import ego_network, main_actors
from graph_loader.analyses.holes import constraint, effective_size, structural_holes
from graph_loader.analyses.temporal import (
    DEFAULT_YEARS,
    chair_periods,
    chairs_as_of,
    measures_by_year,
    minsk_bodies,
)
from graph_loader.gcpause import without_gc
from graph_loader.graph import EdgeColumns, influence_graph, signed_graph, undirected
from graph_loader.schema import Schema

if TYPE_CHECKING:
    from graph_loader.forked import ForkedCall

__all__ = [
    "Analyses",
    "agents_only",
    "arenas_table",
    "rank_agents",
    "Brokerage",
    "balance_summary",
    "betweenness",
    "brokerage",
    "brokerage_counts",
    "brokerage_table",
    "centrality_table",
    "chair_periods",
    "chairs_as_of",
    "closeness",
    "comembership",
    "community_of",
    "constraint",
    "degrees",
    "effective_size",
    "ego_network",
    "louvain",
    "main_actors",
    "measures_by_year",
    "membership_network",
    "minsk_bodies",
    "pagerank",
    "run_all",
    "signed_triads",
    "structural_holes",
]


@dataclass
class Analyses:
    """Every analysis result of one graph (see :func:`run_all`).

    Attributes
    ----------
    centrality : pandas.DataFrame
        :func:`centrality_table`, indexed by actor id: every node, with an ``agent``
        column; rankings use :func:`rank_agents`.
    arenas : pandas.DataFrame
        :func:`arenas_table`: the non-agent nodes and how agents engage them.
    brokerage : pandas.DataFrame
        :func:`brokerage_table` over node ``kind``: role counts and z-scores.
    holes : pandas.DataFrame
        :func:`structural_holes`.
    communities : list of set
        :func:`louvain` (seed 42), largest first.
    community_of : dict
        Actor id to index in ``communities``.
    comembership : networkx.Graph
        :func:`comembership` of the ``MEMBER_OF`` layer.
    signed : networkx.Graph
        :func:`graph_loader.graph.signed_graph` (the signed ties between agents the
        schema declares) without the actors that have none.
    triads : pandas.DataFrame
        :func:`signed_triads` of ``signed``.
    balance : dict
        :func:`balance_summary` of ``triads``.
    by_year : pandas.DataFrame
        :func:`measures_by_year`.
    main_actors : list of str
        :func:`main_actors` (the 8 agents with most relationships).
    """

    centrality: pd.DataFrame
    arenas: pd.DataFrame
    brokerage: pd.DataFrame
    holes: pd.DataFrame
    communities: list[set]
    community_of: dict
    comembership: nx.Graph
    signed: nx.Graph
    triads: pd.DataFrame
    balance: dict
    by_year: pd.DataFrame
    main_actors: list[str]


@without_gc
def run_all(
    G: nx.MultiDiGraph,
    schema: Schema,
    years: Iterable[int] = DEFAULT_YEARS,
    n_main: int = 8,
    progress: Callable[[str, float], None] | None = None,
) -> Analyses:
    """Run every analysis on the relationship graph.

    The graphs several analyses derive from ``G`` (:func:`graph_loader.graph.undirected`,
    :func:`graph_loader.graph.influence_graph`) and their igraph conversions are made
    once and shared (:func:`~graph_loader.analyses.backend.shared_conversions`).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`graph_loader.graph.build_graph`.
    schema : Schema
        The schema the graph conforms to.
    years : iterable of int, optional
        Years for :func:`measures_by_year` (default :data:`graph_loader.model.YEARS`).
    n_main : int, optional
        Number of :func:`main_actors` (default 8).
    progress : callable, optional
        Called after each analysis with its name and seconds (for progress output).

    Returns
    -------
    Analyses
        All results.

    Examples
    --------
    >>> from graph_loader.schema import load_schema
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("arm", "cis", type="MEMBER_OF", id="r1", polarity=1)
    >>> run_all(G, load_schema("data/schema.yaml"), years=[]).main_actors
    ['cis', 'arm']
    """
    with shared_conversions():
        return _run_all(G, schema, years, n_main, progress)


#: Graphs with at least this many relationships get the analyses of the undirected
#: graph (betweenness, structural holes, Louvain) and the per-year measures
#: computed in a forked worker process, on a second CPU, while this one computes the
#: others (below, the fork and the results' pickling are not worth it). The results
#: are the same either way.
WORKER_MIN_EDGES = 50_000

#: Whether :func:`run_all` may use a worker process (tests compare the two paths).
ANALYSES_IN_WORKER = True


def _in_worker(G: nx.MultiDiGraph) -> bool:
    from graph_loader.forked import second_cpu

    return ANALYSES_IN_WORKER and second_cpu() and G.number_of_edges() >= WORKER_MIN_EDGES


def _worker(
    G: nx.MultiDiGraph, H: nx.Graph, schema: Schema, years: Iterable[int]
) -> ForkedCall:
    """A worker computing the analyses of ``H`` (``G``'s undirected graph) and the
    per-year measures. What they read is made first (the igraph conversion, the
    relationships' columns), so the worker reads this process's copy: a forked child
    shares the pages it only reads."""
    from graph_loader.forked import ForkedCall

    to_igraph(H).weights("weight")
    derived(EdgeColumns, G).type_code  # noqa: B018  (reads every column)
    years = list(years)

    def side() -> tuple[dict[str, dict], pd.DataFrame, list[set], pd.DataFrame]:
        paths = {"betweenness": betweenness(H)}
        return paths, structural_holes(G), louvain(H), measures_by_year(G, schema, years)

    return ForkedCall(side, "analyses")


def _run_all(
    G: nx.MultiDiGraph,
    schema: Schema,
    years: Iterable[int],
    n_main: int,
    progress: Callable[[str, float], None] | None,
) -> Analyses:
    clock = [time.perf_counter()]

    def done(name: str) -> None:
        now = time.perf_counter()
        if progress is not None:
            progress(name, now - clock[0])
        clock[0] = now

    H = derived(undirected, G)
    worker = _worker(G, H, schema, years) if _in_worker(G) else None
    if worker is None:
        table = centrality_table(G, schema)
        done("centrality")
        pr = table["pagerank"].to_dict()
    else:  # what the arenas need of the centrality table
        pr = pagerank(derived(influence_graph, G, schema))
        done("pagerank")
    try:
        arenas = arenas_table(G, schema, pr)
        done("arenas")
        brokerage = brokerage_table(G, schema)
        done("brokerage")
        if worker is None:
            holes = structural_holes(G)
            done("holes")
            communities = louvain(H)
            done("communities")
        comem = comembership(G, schema)
        done("comembership")
        signed = signed_graph(G, schema)
        triads = signed_triads(signed)
        signed.remove_nodes_from([n for n, nbrs in signed._adj.items() if not nbrs])
        done("balance")
        if worker is None:
            by_year = measures_by_year(G, schema, years)
            done("by year")
        main = main_actors(G, schema, n_main, pr=pr)
        done("main actors")
        if worker is not None:  # waits only if the worker is behind
            near = closeness(H)  # here: the worker has the longer share without it
            done("closeness")
            paths, holes, communities, by_year = worker.result()
            table = centrality_table(G, schema,
                                     computed={**paths, "closeness": near, "pagerank": pr})
            done("centrality, holes, communities, by year (worker)")
    except BaseException:
        if worker is not None:
            worker.cancel()
        raise
    return Analyses(
        centrality=table,
        arenas=arenas,
        brokerage=brokerage,
        holes=holes,
        communities=communities,
        community_of=community_of(communities),
        comembership=comem,
        signed=signed,
        triads=triads,
        balance=balance_summary(triads),
        by_year=by_year,
        main_actors=main,
    )
