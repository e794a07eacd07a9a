"""The garbage-collector pause around bulk steps restores the collector's state."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from _graphs import ROOT

from graph_loader.gcpause import PROMOTE_MIN_OBJECTS, gc_paused, without_gc


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_paused_inside_and_restored_after() -> None:
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_after_an_exception() -> None:
    with pytest.raises(ZeroDivisionError), gc_paused():
        1 / 0  # noqa: B018
    assert gc.isenabled()


def test_nested_blocks_restore_only_at_the_outermost() -> None:
    with gc_paused():
        with gc_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()


def test_decorator_keeps_name_and_result() -> None:
    @without_gc
    def probe(x: int) -> tuple[int, bool]:
        """Doc."""
        return x + 1, gc.isenabled()

    assert probe(1) == (2, False)
    assert probe.__name__ == "probe" and probe.__doc__ == "Doc."
    assert gc.isenabled()


def test_bulk_steps_leave_the_collector_enabled() -> None:
    from graph_loader.graph import build_graph
    from graph_loader.validation import validate

    ds, issues = validate(ROOT / "data")
    assert ds is not None and not issues
    assert gc.isenabled()
    build_graph(ds)
    assert gc.isenabled()


def _generation(obj: object) -> int | None:
    return next((g for g in range(3) if any(o is obj for o in gc.get_objects(g))), None)


def test_what_a_step_keeps_goes_to_the_oldest_generation() -> None:
    gc.unfreeze()  # what earlier tests in this process froze (the CLI's build freezes)
    with gc_paused():
        kept = [{"a": []} for _ in range(PROMOTE_MIN_OBJECTS)]
    assert gc.get_count()[0] < 50  # no collection pending for them
    assert _generation(kept[0]) == 2 and _generation(kept) == 2


def test_a_small_step_leaves_its_objects_to_the_collector() -> None:
    gc.unfreeze()
    gc.collect()
    with gc_paused():
        kept = [[] for _ in range(100)]
    assert _generation(kept[0]) == 0


def test_objects_the_caller_froze_stay_frozen() -> None:
    gc.collect()
    frozen = [[] for _ in range(100)]
    gc.freeze()
    try:
        count = gc.get_freeze_count()
        with gc_paused():
            young = [[] for _ in range(PROMOTE_MIN_OBJECTS)]
        assert gc.get_freeze_count() == count
        assert _generation(frozen[0]) is None  # still frozen, out of every generation
        assert _generation(young[0]) is not None
    finally:
        gc.unfreeze()
