"""Issue 16: the fuzzer's smoke pass (``make test``); ``make fuzz`` runs it for longer.

The seed corpus (``tests/fuzz_corpus/``: the issue's hostile cases) and every crash or
hang the fuzzer found (``tests/fuzz_crashes/``) are replayed through the targets of
``tests/fuzz_targets.py``; then atheris mutates the corpus for a few seconds per target.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import fuzz_targets
import pytest

#: Seconds each target is fuzzed in the smoke pass.
SMOKE_SECONDS = 3
#: The most one input may take (a hang would take far longer).
MAX_SECONDS_PER_INPUT = 5.0


@pytest.mark.parametrize("target", fuzz_targets.TARGETS)
def test_the_seed_corpus_passes(target: str) -> None:
    files = fuzz_targets.replay(target, fuzz_targets.CORPUS / target)
    assert len(files) >= 15


@pytest.mark.parametrize("target", fuzz_targets.TARGETS)
def test_every_crash_found_is_fixed(target: str) -> None:
    folder = fuzz_targets.CRASHES / target
    run = fuzz_targets.target(target)
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        t0 = time.perf_counter()
        run(path.read_bytes())
        assert time.perf_counter() - t0 < MAX_SECONDS_PER_INPUT, f"{path.name} is slow"


def test_the_crash_fixtures_name_what_they_were() -> None:
    names = sorted(p.name for t in fuzz_targets.TARGETS
                   for p in (fuzz_targets.CRASHES / t).iterdir() if not p.name.startswith("."))
    assert names == ["crash-control-character-multiline-issue",
                     "timeout-flow-brackets-2000-deep"]


@pytest.mark.parametrize("target", fuzz_targets.TARGETS)
def test_a_short_fuzz_pass(target: str, tmp_path: Path) -> None:
    pytest.importorskip("atheris")
    work = tmp_path / "corpus"
    work.mkdir()
    done = subprocess.run(
        [sys.executable, str(Path(fuzz_targets.__file__)), target, str(work),
         str(fuzz_targets.CORPUS / target), f"-max_total_time={SMOKE_SECONDS}",
         "-timeout=20", "-rss_limit_mb=4096", f"-artifact_prefix={tmp_path}/"],
        capture_output=True, text=True, timeout=300,
    )
    found = sorted(p.name for p in tmp_path.iterdir() if p.name != "corpus")
    assert done.returncode == 0 and found == [], done.stderr[-3000:]
    assert "Done " in done.stderr
