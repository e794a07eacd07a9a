"""Benchmarks of the graph-loader pipeline: synthetic data, stage runner, baseline loaders.

- :mod:`benchmarks.generate`: synthetic datasets (S, M, L) that pass validation.
- :mod:`benchmarks.stages`: the measured stages, each run in a fresh process.
- :mod:`benchmarks.runner`: runs the stages at each size, writes ``results.{json,md}``.
- :mod:`benchmarks.naive`: a one-MERGE-per-row loader (the baseline).
- :mod:`benchmarks.bulk`: FalkorDB's bulk loader on the same data (the engine's bulk path).
"""
