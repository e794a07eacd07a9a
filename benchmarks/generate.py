"""Synthetic datasets with the project's schema, for the benchmarks.

``python -m benchmarks.generate --size M --out DIR`` writes ``schema.yaml`` (a copy of the
shipped one), ``actors.csv``, ``relationships.csv`` and ``sources.csv`` that pass
:func:`graph_loader.validation.validate`.

How the data is drawn (all vectorised with numpy, deterministic for a seed):

* **Kinds**: in the proportions of the shipped paper dataset (``data/actors.csv``), every
  kind with at least one actor.
* **Relationship types**: in the paper's proportions (plus one pseudo-count, so every
  type of the schema occurs); endpoints only of the kinds the schema allows for the type.
* **Degrees**: a fitness (Chung-Lu / Bianconi-Barabasi) model, the vectorised
  equivalent of preferential attachment: each actor gets a Pareto-distributed fitness
  (shape :data:`PARETO_SHAPE` = 2, the tail exponent 3 of Barabasi-Albert) and each end
  of a relationship picks an actor of an allowed kind with probability proportional to
  its fitness. Hubs therefore have thousands of relationships at L, like "UN" or
  "Azerbaijan" in the paper. Self-loops are redrawn.
* **Dates**: 40 % of relationships undated (like the paper); the others start in
  1988-2024 at year, month or day precision; 30 % of those have an end not before the
  start (same year: a year-only end, which denotes the whole year).
* **Text**: evidence quotes of 6-30 words from a fixed vocabulary, sections, notes,
  ``cites`` (each naming a row of ``sources.csv``) and ``implied`` certainty at the paper's
  rough rates; an ISO3 code on every actor of a kind with ``iso3: true`` (states).
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from graph_loader import default_data_dir
from graph_loader.schema import Schema, load_schema

#: Cache of generated datasets (git-ignored).
CACHE_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_SEED = 20240601
#: Pareto shape of the actor fitness: degree tail exponent ~ shape + 1 (3, as Barabasi-Albert).
PARETO_SHAPE = 2.0

PAPER = "paper"


@dataclass(frozen=True)
class Size:
    """A named dataset size."""

    name: str
    nodes: int
    relationships: int


SIZES: dict[str, Size] = {
    "S": Size("S", 1_000, 5_000),
    "M": Size("M", 10_000, 100_000),
    "L": Size("L", 100_000, 1_000_000),
}
ALL_SIZES: tuple[str, ...] = (PAPER, *SIZES)

PAPER_ID = "hasanoglu-suleymanli-2024"
_FIRST_YEAR, _LAST_YEAR = 1988, 2024
_SECTIONS = (
    "Introduction", "The UN and the conflict", "The OSCE Minsk Group", "The Council of Europe",
    "The European Union", "The CIS", "The OIC", "The Non-Aligned Movement", "The 2020 war",
    "Conclusion",
)  # fmt: skip
_WORDS = (
    "the conflict resolution process international organization security council resolution "
    "ceasefire agreement negotiations mediation territorial integrity sovereignty occupied "
    "territories displaced persons humanitarian aid co-chairs minsk group peace talks "
    "withdrawal forces region settlement status principles support position statement "
    "called upon members states parties talks summit declaration adopted recognised "
    "condemned efforts cooperation partnership assistance framework mission observers "
    "monitoring dialogue reconciliation reconstruction return refugees between and of in "
    "on for with by its their was were has have had to a an"
).split()
_ISO3 = (
    "AZE ARM GEO RUS TUR IRN USA FRA DEU GBR ITA ESP CHN IND PAK KAZ UZB TKM KGZ TJK UKR BLR "
    "MDA POL SWE NOR FIN DNK NLD BEL AUT CHE GRC BGR ROU HUN CZE SVK SRB HRV SVN ALB EGY SAU "
    "ARE QAT KWT JOR ISR IRQ SYR LBN MAR DZA TUN LBY SDN NGA ZAF KEN ETH BRA ARG MEX CAN JPN "
    "KOR IDN MYS BGD AFG SUN"
).split()


def _paper_mix(schema: Schema, data_dir: Path) -> tuple[np.ndarray, np.ndarray]:
    """Probabilities of each kind and each relationship type, from the paper's data."""
    kinds: Counter[str] = Counter()
    types: Counter[str] = Counter()
    try:
        with (data_dir / "actors.csv").open(encoding="utf-8", newline="") as fh:
            kinds.update(row["kind"] for row in csv.DictReader(fh))
        with (data_dir / "relationships.csv").open(encoding="utf-8", newline="") as fh:
            types.update(row["type"] for row in csv.DictReader(fh))
    except (OSError, KeyError):
        pass
    kp = np.array([kinds.get(k, 0) + 1 for k in schema.kinds], dtype=float)
    tp = np.array([types.get(t, 0) + 1 for t in schema.relationship_types], dtype=float)
    return kp / kp.sum(), tp / tp.sum()


def _evidence_pool(rng: np.random.Generator, n: int) -> np.ndarray:
    words = np.array(_WORDS)
    lengths = rng.integers(6, 31, size=n)
    picks = rng.integers(0, len(words), size=int(lengths.sum()))
    out, i = [], 0
    for k in lengths:
        out.append(" ".join(words[picks[i : i + k]]))
        i += k
    return np.array(out, dtype=object)


def _partial_dates(
    rng: np.random.Generator, years: np.ndarray, precision: np.ndarray
) -> np.ndarray:
    """``YYYY`` / ``YYYY-MM`` / ``YYYY-MM-DD`` strings (precision 0, 1, 2); day <= 28."""
    n = len(years)
    months = rng.integers(1, 13, size=n)
    days = rng.integers(1, 29, size=n)
    y = years.astype(str)
    ym = np.char.add(np.char.add(y, "-"), np.char.zfill(months.astype(str), 2))
    ymd = np.char.add(np.char.add(ym, "-"), np.char.zfill(days.astype(str), 2))
    return np.where(precision == 0, y, np.where(precision == 1, ym, ymd)).astype(object)


def generate(
    out_dir: str | Path,
    nodes: int,
    relationships: int,
    *,
    seed: int = DEFAULT_SEED,
    schema_path: str | Path | None = None,
) -> Path:
    """Write a synthetic dataset of ``nodes`` actors and ``relationships`` relationships.

    Parameters
    ----------
    out_dir
        Directory to write ``schema.yaml``, ``actors.csv``, ``relationships.csv`` and
        ``sources.csv`` into (created if missing).
    nodes, relationships
        Sizes; ``nodes`` must be at least the number of kinds in the schema.
    seed
        The same seed always gives the same files.
    schema_path
        The schema to follow (default: the shipped ``data/schema.yaml``, also used for
        the kind and type mix).

    Returns
    -------
    Path
        ``out_dir``.
    """
    data_dir = default_data_dir()
    schema_path = Path(schema_path) if schema_path else data_dir / "schema.yaml"
    schema = load_schema(schema_path)
    kind_names = list(schema.kinds)
    type_names = list(schema.relationship_types)
    if nodes < len(kind_names):
        raise ValueError(f"need at least {len(kind_names)} nodes (one per kind)")
    rng = np.random.default_rng(seed)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(schema_path, out / "schema.yaml")
    kind_p, type_p = _paper_mix(schema, schema_path.parent)

    # ---- actors: one of each kind first, then the paper's mix
    kind_idx = np.concatenate(
        [np.arange(len(kind_names)), rng.choice(len(kind_names), nodes - len(kind_names), p=kind_p)]
    )
    rng.shuffle(kind_idx)
    width = len(str(nodes))
    ids = np.char.add("actor-", np.char.zfill(np.arange(1, nodes + 1).astype(str), width))
    kinds = np.array(kind_names, dtype=object)[kind_idx]
    fitness = rng.pareto(PARETO_SHAPE, size=nodes) + 1.0
    iso_kinds = np.array([schema.kinds[k].iso3 for k in kind_names])
    iso3 = np.where(
        iso_kinds[kind_idx],
        np.array(_ISO3, dtype=object)[rng.integers(0, len(_ISO3), size=nodes)],
        "",
    )
    has_alias = rng.random(nodes) < 0.3
    names = np.char.add("Actor ", np.arange(1, nodes + 1).astype(str)).astype(object)
    aliases = np.where(has_alias, names + " alias;" + ids.astype(object), "")
    descriptions = np.where(
        rng.random(nodes) < 0.8, "A synthetic " + kinds + " for benchmarks.", ""
    )
    actors = pd.DataFrame(
        {
            "id": ids.astype(object),
            "name": names,
            "kind": kinds,
            "aliases": aliases,
            "iso3": iso3,
            "description": descriptions,
        }
    )

    # ---- relationships: type from the paper's mix, ends by fitness among allowed kinds
    n = relationships
    type_idx = rng.choice(len(type_names), n, p=type_p)
    src = np.empty(n, dtype=np.int64)
    dst = np.empty(n, dtype=np.int64)
    by_kind = {k: np.flatnonzero(kind_idx == i) for i, k in enumerate(kind_names)}
    for t, tname in enumerate(type_names):
        rows = np.flatnonzero(type_idx == t)
        if rows.size == 0:
            continue
        rt = schema.relationship_types[tname]
        pools = []
        for end in (rt.source, rt.target):
            pool = np.concatenate([by_kind[k] for k in end])
            w = fitness[pool]
            pools.append((pool, w / w.sum()))
        (sp, sw), (tp_, tw) = pools
        s = sp[rng.choice(len(sp), rows.size, p=sw)]
        d = tp_[rng.choice(len(tp_), rows.size, p=tw)]
        loops = np.flatnonzero(s == d)
        for _ in range(20):  # redraw self-loops (pools of one node may keep a few)
            if loops.size == 0:
                break
            d[loops] = tp_[rng.choice(len(tp_), loops.size, p=tw)]
            loops = loops[s[loops] == d[loops]]
        src[rows], dst[rows] = s, d

    dated = rng.random(n) < 0.6
    start_year = rng.integers(_FIRST_YEAR, _LAST_YEAR + 1, size=n)
    start_prec = rng.choice(3, n, p=[0.7, 0.2, 0.1])
    start = np.where(dated, _partial_dates(rng, start_year, start_prec), "")
    has_end = dated & (rng.random(n) < 0.3)
    end_year = np.minimum(start_year + rng.geometric(0.25, size=n) - 1, _LAST_YEAR)
    # A later year may have any precision; the start's own year only as a bare year.
    end_prec = np.where(end_year > start_year, rng.choice(3, n, p=[0.7, 0.2, 0.1]), 0)
    end = np.where(has_end, _partial_dates(rng, end_year, end_prec), "")

    pool = _evidence_pool(rng, min(n, 5000))
    evidence = pool[rng.integers(0, len(pool), size=n)]
    n_cited = 12
    cited = rng.random(n) < 0.1
    cite_idx = rng.integers(0, n_cited, size=n)
    cite_names = np.array([f"Author{i} {1990 + i}" for i in range(n_cited)], dtype=object)
    source_ids = np.array([f"author{i}-{1990 + i}" for i in range(n_cited)], dtype=object)
    ref_is_cited = cited & (rng.random(n) < 0.3)
    rels = pd.DataFrame(
        {
            "id": np.char.add("r", np.char.zfill(np.arange(1, n + 1).astype(str), len(str(n))))
            .astype(object),
            "source": actors["id"].to_numpy()[src],
            "type": np.array(type_names, dtype=object)[type_idx],
            "target": actors["id"].to_numpy()[dst],
            "start": start,
            "end": end,
            "evidence": evidence,
            "section": np.array(_SECTIONS, dtype=object)[rng.integers(0, len(_SECTIONS), n)],
            "source_ref": np.where(ref_is_cited, source_ids[cite_idx], PAPER_ID),
            "cites": np.where(cited, cite_names[cite_idx], ""),
            "certainty": np.where(rng.random(n) < 0.85, "stated", "implied"),
            "note": np.where(rng.random(n) < 0.15, "A synthetic note, with a comma.", ""),
        }
    )
    sources = pd.DataFrame(
        {
            "id": [PAPER_ID, *source_ids],
            "citation": [
                "Hasanoglu & Suleymanli (2024), the paper (synthetic benchmark copy).",
                *(f"{c}, as cited in the paper." for c in cite_names),
            ],
            "kind": ["paper", *["cited"] * n_cited],
            "year": ["2024", *(str(1990 + i) for i in range(n_cited))],
            "url": [""] * (n_cited + 1),
        }
    )
    for name, df in (("actors", actors), ("relationships", rels), ("sources", sources)):
        df.to_csv(out / f"{name}.csv", index=False, lineterminator="\n")
    return out


def dataset_dir(size: str, seed: int = DEFAULT_SEED, cache: Path = CACHE_DIR) -> Path:
    """The directory of a named size, generating it into the cache on first use.

    ``paper`` is the shipped ``data/`` directory, never copied.
    """
    if size == PAPER:
        return default_data_dir()
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; choose from {', '.join(ALL_SIZES)}")
    spec = SIZES[size]
    out = cache / f"{size}-seed{seed}"
    marker = out / ".complete"
    if not marker.is_file():
        generate(out, spec.nodes, spec.relationships, seed=seed)
        marker.write_text(f"{spec.nodes} {spec.relationships} {seed}\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Write a synthetic dataset that passes graph-loader validate.",
    )
    p.add_argument("--size", choices=list(SIZES), help="a named size (S, M, L)")
    p.add_argument("--nodes", type=int, help="number of actors (instead of --size)")
    p.add_argument("--relationships", type=int, help="number of relationships")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--out", type=Path, help="output directory (default: the cache)")
    args = p.parse_args(argv)
    if args.size:
        nodes, rels = SIZES[args.size].nodes, SIZES[args.size].relationships
    elif args.nodes and args.relationships:
        nodes, rels = args.nodes, args.relationships
    else:
        p.error("give --size, or --nodes and --relationships")
    out = args.out or CACHE_DIR / f"{args.size or f'{nodes}x{rels}'}-seed{args.seed}"
    t0 = time.perf_counter()
    generate(out, nodes, rels, seed=args.seed)
    print(f"wrote {nodes} actors, {rels} relationships to {out} in "
          f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
