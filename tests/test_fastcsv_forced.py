"""The validation tests of tests/test_validation.py and tests/test_validation_time.py
again, with the fast CSV path forced on (``GRAPH_LOADER_FAST_CSV=1``).

Every expected issue and dataset there must come out the same: the fast path declines
bad or unusual data and ``validate`` reads it line by line (tests/test_fastcsv.py checks
that it does decline, and accepts the good data).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_validation import *  # noqa: F403  (collected again here, with the path forced)
from test_validation_time import *  # noqa: F403

from graph_loader import fastcsv


@pytest.fixture(autouse=True)
def _fast_path_forced(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(fastcsv.ENV, "1")
    yield
