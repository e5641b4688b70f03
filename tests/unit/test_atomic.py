"""Units of work: a failed locked block leaves nothing behind and schedules nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from mock_server.core.atomic import AtomicLock, UndoableDict, on_commit
from mock_server.core.clock import Clock, ClockMode
from mock_server.core.scheduler import Scheduler
from mock_server.core.store import IndexedStore

T0 = datetime(2025, 1, 1, tzinfo=UTC)


class Boom(Exception):
    pass


def fail_in(lock: AtomicLock, *steps: Callable[[], object]) -> None:
    """Run `steps` in one locked block, then fail it."""
    with lock:
        for step in steps:
            step()
        raise Boom


def store() -> IndexedStore[tuple[str, str]]:
    return IndexedStore(key=lambda r: r[0], indexes={"colour": lambda r: r[1]})


def contents(records: IndexedStore[tuple[str, str]]) -> list[tuple[str, str]]:
    return list(records)


def test_a_failed_unit_undoes_adds_replaces_and_clears_newest_first():
    records, lock = store(), AtomicLock()
    records.add(("a", "red"))
    records.add(("b", "blue"))

    with pytest.raises(Boom):
        fail_in(
            lock,
            lambda: records.replace(("a", "blue")),
            lambda: records.add(("c", "red")),
            records.clear,
            lambda: records.add(("d", "green")),
        )

    assert contents(records) == [("a", "red"), ("b", "blue")]
    assert records.page({"colour": "red"}, 0, 10).records == [("a", "red")]
    assert records.page({"colour": "blue"}, 0, 10).records == [("b", "blue")]
    records.add(("c", "red"))  # sequence numbers carry on as if nothing had happened
    assert records.page({"colour": "red"}, 0, 10).records == [("c", "red"), ("a", "red")]


def test_a_successful_unit_keeps_its_writes():
    records, lock = store(), AtomicLock()

    with lock:
        records.add(("a", "red"))

    assert contents(records) == [("a", "red")]


def test_a_failed_inner_block_is_a_savepoint_the_outer_one_can_survive():
    planned: dict[str, int] = UndoableDict()
    lock = AtomicLock()

    with lock:
        planned["kept"] = 1
        with pytest.raises(Boom):
            fail_in(lock, lambda: planned.update(kept=2), lambda: planned.setdefault("x", 3))

    assert planned == {"kept": 1}  # update and setdefault are undone like item writes


def test_an_undoable_dict_restores_deleted_popped_and_cleared_entries():
    entries: dict[str, int] = UndoableDict({"a": 1, "b": 2})

    with pytest.raises(Boom):
        fail_in(
            AtomicLock(),
            lambda: entries.__delitem__("a"),
            lambda: entries.pop("b"),
            lambda: entries.__setitem__("c", 3),
            entries.clear,
        )

    assert entries == {"a": 1, "b": 2}


def test_tasks_scheduled_in_a_unit_appear_when_it_commits_and_never_when_it_fails():
    scheduler = Scheduler(Clock(ClockMode.MANUAL, start=T0))
    lock = AtomicLock()

    with pytest.raises(Boom):
        fail_in(lock, lambda: scheduler.after(1, "from a failed request", lambda: None))
    with lock:
        scheduler.after(1, "from a good one", lambda: None)
        assert scheduler.pending() == []  # not yet: the unit has not committed

    assert [t.name for t in scheduler.pending()] == ["from a good one"]


def test_outside_a_unit_effects_happen_at_once():
    seen: list[str] = []

    on_commit(lambda: seen.append("now"))

    assert seen == ["now"]
