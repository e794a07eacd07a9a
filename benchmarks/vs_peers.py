"""The project against its peers in ``results.json`` and ``results.md``.

From the stage records' details (``"<size>/<stage>"`` -> record):

- ``agreement.<op>.<size>.<peer>``: each peer stage's agreement record
  (:mod:`benchmarks.agreement`);
- ``ratios.vs_fastest_peer.<op>.<size>``: the project stage's CPU seconds divided by
  those of the fastest peer (the one with the fewest CPU seconds, conversion not
  included), with which peer that was (see :func:`vs_fastest_peer`);
- the "vs the fastest peer" and "agreement" tables and the peer targets of
  ``results.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from benchmarks.peers import NO_PEER, PEER_OPS, parse_peer_stage, peer_stage

#: Ops whose project side is an analysis (or the views' layout): target 1.2x the fastest
#: peer at M and L.
ANALYSIS_OPS = ("louvain", "pagerank", "constraint", "betweenness", "layout")
TARGET_VS_FASTEST_PEER = 1.2
TARGET_SIZES = ("M", "L")
#: CSV -> graph at L: at most 1.5x polars + rustworkx, peak RSS under 2.5 GB.
CSV_REFERENCE_PEER = "polars+rustworkx"
TARGET_CSV_VS_REFERENCE = 1.5
TARGET_CSV_RSS_MB = 2.5 * 1024
#: ``graph-loader build`` at L under 120 s (wall) with peak RSS under 4 GB; the paper's
#: under 2 s beyond the interpreter's start-up.
TARGET_BUILD_L_SECONDS = 120.0
TARGET_BUILD_L_RSS_MB = 4096.0
TARGET_BUILD_PAPER_BEYOND_STARTUP = 2.0


def comparison_stages(ops: Sequence[str] | None = None) -> list[str]:
    """Each op's project stage and its peers' stages, then ``startup`` and ``build``."""
    out: list[str] = []
    for op in ops or PEER_OPS:
        out += [op, *(peer_stage(op, p) for p in PEER_OPS[op])]
    return out + ["startup", "build"]


def expand_with_peers(stages: Sequence[str]) -> list[str]:
    """``stages`` with the peer stages of every op among them, each after its op."""
    out: list[str] = []
    for st in stages:
        group = [st, *(peer_stage(st, p) for p in PEER_OPS.get(st, ()))]
        out += [s for s in group if s not in out]
    return out


def _split(key: str) -> tuple[str, str]:
    size, stage = key.split("/", 1)
    return size, stage


def agreement_table(details: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """``op -> size -> peer -> agreement record`` of the peer stages in ``details``."""
    out: dict[str, Any] = {}
    for key, rec in details.items():
        size, stage = _split(key)
        parsed = parse_peer_stage(stage)
        if parsed is None or "agreement" not in rec or "error" in rec:
            continue
        op, peer = parsed
        out.setdefault(op, {}).setdefault(size, {})[peer] = rec["agreement"]
    return out


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or not b:
        return None
    return round(a / b, 3)


def vs_fastest_peer(details: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """``op -> size -> {"peer", "ratio", ...}`` where both the project and a peer ran.

    ``ratio`` = project CPU s / fastest peer's CPU s (the peer's algorithm on its own
    graph; for ``csv_graph`` its whole construction from the files). Also:
    ``ratio_incl_convert`` (each side's conversion from networkx added to its time:
    the project's shared conversion, ``project_convert_cpu_s``, and the peer's),
    ``ratio_wall`` (wall seconds), ``peer_sampled`` (networkx's constraint on a sample,
    its time extrapolated) and every peer's CPU seconds (``peers``).
    """
    out: dict[str, Any] = {}
    for key, rec in details.items():
        size, stage = _split(key)
        if stage not in PEER_OPS or "error" in rec or rec.get("cpu_seconds") is None:
            continue
        peers: dict[str, dict[str, Any]] = {}
        for peer in PEER_OPS[stage]:
            prec = details.get(f"{size}/{peer_stage(stage, peer)}")
            if prec and "error" not in prec and prec.get("cpu_seconds") is not None:
                peers[peer] = dict(prec)
        if not peers:
            continue
        name = min(peers, key=lambda p: (peers[p]["cpu_seconds"], p))
        best = peers[name]
        convert = best.get("convert_cpu_seconds")  # None: the peer starts from the files
        own = rec.get("convert_cpu_seconds") or 0.0  # the project's shared conversion
        out.setdefault(stage, {})[size] = {
            "peer": name,
            "ratio": _ratio(rec["cpu_seconds"], best["cpu_seconds"]),
            "project_cpu_s": round(rec["cpu_seconds"], 6),
            "peer_cpu_s": round(best["cpu_seconds"], 6),
            "project_convert_cpu_s": round(own, 6),
            "peer_convert_cpu_s": None if convert is None else round(convert, 6),
            "ratio_incl_convert": None if convert is None else
            _ratio(rec["cpu_seconds"] + own, best["cpu_seconds"] + convert),
            "ratio_wall": _ratio(rec.get("seconds"), best.get("seconds")),
            "peer_sampled": bool(best.get("sampled")),
            "peers": {p: round(r["cpu_seconds"], 6) for p, r in sorted(peers.items())},
        }
    return out


def _ratio_vs(details: Mapping[str, Mapping[str, Any]], size: str, op: str,
              peer: str) -> float | None:
    proj = details.get(f"{size}/{op}", {})
    other = details.get(f"{size}/{peer_stage(op, peer)}", {})
    if "error" in proj or "error" in other:
        return None
    return _ratio(proj.get("cpu_seconds"), other.get("cpu_seconds"))


def _x(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f}×"


def _s(v: float | None) -> str:
    if v is None:
        return "–"
    if v >= 10:
        return f"{v:.1f}"
    return f"{v:.3f}" if v >= 0.01 else f"{v:.2g}"


def markdown(doc: Mapping[str, Any], sizes: Sequence[str]) -> list[str]:
    """The "vs the fastest peer" and "agreement" sections (empty without peer results)."""
    vs = doc.get("ratios", {}).get("vs_fastest_peer", {})
    agree = doc.get("agreement", {})
    if not vs and not agree:
        return []
    details = doc.get("details", {})
    lines = [
        "## vs the fastest peer", "",
        "CPU seconds of the operation alone, each (size, stage, peer) in a fresh "
        "interpreter, set-up excluded. The ratio is the project's CPU s ÷ the fastest "
        "peer's, running on its own graph type. Conversions from networkx are not in "
        "the ratio, on either side: the peer's into its own graph type, and the "
        "project's conversion that its analyses share in a build (one per graph, "
        "`benchmarks.peers.project_prepare`); both are in the next columns, and the "
        "ratio with both after. For "
        "CSV → graph both sides start from the files. Target: every analysis at most "
        f"{TARGET_VS_FASTEST_PEER}× the fastest peer at M and L; CSV → graph at L at most "
        f"{TARGET_CSV_VS_REFERENCE}× {CSV_REFERENCE_PEER}.", "",
        "| stage | size | project CPU s | fastest peer | its CPU s | ratio | project's "
        "conversion CPU s | peer's conversion CPU s | ratio incl. conversions | target "
        "| met |",
        "|---|---|---:|---|---:|---:|---:|---:|---:|---|:---:|",
    ]
    for op in PEER_OPS:
        for size in sizes:
            e = vs.get(op, {}).get(size)
            if not e:
                continue
            target, met = "–", "–"
            if op == "csv_graph":
                if size == "L":
                    r = _ratio_vs(details, size, op, CSV_REFERENCE_PEER)
                    target = f"≤ {TARGET_CSV_VS_REFERENCE}× {CSV_REFERENCE_PEER} ({_x(r)})"
                    met = "–" if r is None else ("yes" if r <= TARGET_CSV_VS_REFERENCE
                                                 else "**no**")
            elif size in TARGET_SIZES:
                target = f"≤ {TARGET_VS_FASTEST_PEER}×"
                met = "yes" if e["ratio"] is not None and e["ratio"] <= \
                    TARGET_VS_FASTEST_PEER else "**no**"
            sampled = " (sampled, extrapolated)" if e.get("peer_sampled") else ""
            lines.append(
                f"| {op} | {size} | {_s(e['project_cpu_s'])} | {e['peer']}{sampled} "
                f"| {_s(e['peer_cpu_s'])} | {_x(e['ratio'])} "
                f"| {_s(e.get('project_convert_cpu_s'))} | {_s(e['peer_convert_cpu_s'])} "
                f"| {_x(e['ratio_incl_convert'])} | {target} | {met} |"
            )
    lines.append("")
    if NO_PEER:
        lines += ["Not compared: " + "; ".join(f"{op} with {peer} ({why})"
                                               for (op, peer), why in NO_PEER.items()) + ".",
                  ""]
    if agree:
        lines += [
            "## Agreement with the peers", "",
            "Each peer's values against the project's on the same graph (tolerances in "
            "[README.md](README.md#peers)).", "",
            "| stage | size | peer | measure | value | tolerance | holds | also |",
            "|---|---|---|---|---:|---:|:---:|---|",
        ]
        for op in PEER_OPS:
            for size in sizes:
                for peer in PEER_OPS[op]:
                    a = agree.get(op, {}).get(size, {}).get(peer)
                    if a:
                        lines.append(_agreement_row(op, size, peer, a))
        lines.append("")
    return lines


def _agreement_row(op: str, size: str, peer: str, a: Mapping[str, Any]) -> str:
    holds = {True: "yes", False: "**no**", None: "–"}[a.get("holds")]
    value = a.get("value")
    shown = "–" if value is None else (f"{value:.2g}" if isinstance(value, float) else
                                       str(value))
    tol = a.get("tolerance")
    extra = []
    for k in ("modularity_project", "modularity_peer", "nmi", "spearman_top100",
              "relative_to_max", "nodes"):
        if a.get(k) is not None:
            v = a[k]
            extra.append(f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}")
    if a.get("note"):
        extra.append(a["note"])
    return (f"| {op} | {size} | {peer} | {a.get('measure', '')} | {shown} "
            f"| {'–' if tol is None else tol} | {holds} | {', '.join(extra)} |")


def targets(doc: Mapping[str, Any]) -> list[tuple[str, str, float | None, str, bool | None]]:
    """The peer and build targets: ``(target, size, measured, format, met)`` rows."""
    details = doc.get("details", {})
    vs = doc.get("ratios", {}).get("vs_fastest_peer", {})
    rows: list[tuple[str, str, float | None, str, bool | None]] = []
    for op in ANALYSIS_OPS:
        for size in TARGET_SIZES:
            e = vs.get(op, {}).get(size)
            r = e["ratio"] if e else None
            peer = f" ({e['peer']})" if e else ""
            rows.append((f"{op} ≤ {TARGET_VS_FASTEST_PEER}× the fastest peer{peer}", size, r,
                         "{:.2f}×", None if r is None else r <= TARGET_VS_FASTEST_PEER))
    r = _ratio_vs(details, "L", "csv_graph", CSV_REFERENCE_PEER)
    rows.append((f"CSV → graph ≤ {TARGET_CSV_VS_REFERENCE}× {CSV_REFERENCE_PEER}", "L", r,
                 "{:.2f}×", None if r is None else r <= TARGET_CSV_VS_REFERENCE))
    rss = _ok(details, "L", "csv_graph").get("peak_rss_mb")
    rows.append(("CSV → graph peak RSS < 2.5 GB", "L", rss, "{:.0f} MB",
                 None if rss is None else rss < TARGET_CSV_RSS_MB))
    b = _ok(details, "L", "build")
    rows.append((f"graph-loader build < {TARGET_BUILD_L_SECONDS:.0f} s", "L", b.get("seconds"),
                 "{:.1f} s", None if "seconds" not in b else
                 b["seconds"] < TARGET_BUILD_L_SECONDS))
    rows.append(("graph-loader build peak RSS < 4 GB", "L", b.get("peak_rss_mb"), "{:.0f} MB",
                 None if "peak_rss_mb" not in b else b["peak_rss_mb"] < TARGET_BUILD_L_RSS_MB))
    beyond = build_beyond_startup(details)
    rows.append((f"graph-loader build < {TARGET_BUILD_PAPER_BEYOND_STARTUP:.0f} s beyond "
                 "start-up (build stage)", "paper", beyond, "{:.2f} s",
                 None if beyond is None else beyond < TARGET_BUILD_PAPER_BEYOND_STARTUP))
    return rows


def _ok(details: Mapping[str, Mapping[str, Any]], size: str, stage: str) -> Mapping[str, Any]:
    rec = details.get(f"{size}/{stage}", {})
    return {} if "error" in rec else rec


def build_beyond_startup(details: Mapping[str, Mapping[str, Any]]) -> float | None:
    """The paper's ``build`` wall seconds minus ``startup``'s (``python -c pass``)."""
    b = _ok(details, "paper", "build").get("seconds")
    s = _ok(details, "paper", "startup").get("seconds")
    return None if b is None or s is None else round(b - s, 4)
