import threading
from datetime import UTC, datetime, timedelta

import pytest

from mock_server.core.clock import Clock, ClockMode
from mock_server.core.scheduler import Scheduler

T0 = datetime(2025, 1, 1, tzinfo=UTC)


@pytest.fixture
def clock():
    return Clock(ClockMode.MANUAL, start=T0)


def test_advance_runs_due_tasks_in_order_at_their_own_instant(clock):
    scheduler = Scheduler(clock)
    seen = []
    scheduler.after(3, "late", lambda: seen.append(("late", clock.now())))
    scheduler.after(1, "early", lambda: seen.append(("early", clock.now())))
    scheduler.after(9, "future", lambda: seen.append(("future", clock.now())))

    ran = scheduler.advance(5)

    assert seen == [("early", T0 + timedelta(seconds=1)), ("late", T0 + timedelta(seconds=3))]
    assert [r.name for r in ran] == ["early", "late"]
    assert clock.now() == T0 + timedelta(seconds=5)
    assert [t.name for t in scheduler.pending()] == ["future"]


def test_tasks_due_at_the_same_instant_run_in_scheduling_order(clock):
    scheduler = Scheduler(clock)
    seen: list[str] = []
    for name in "abc":
        scheduler.after(1, name, lambda name=name: seen.append(name))  # type: ignore[misc]

    scheduler.advance(1)

    assert seen == ["a", "b", "c"]


def test_a_task_scheduled_by_a_task_runs_in_the_same_advance_when_due(clock):
    scheduler = Scheduler(clock)
    seen = []

    def first():
        seen.append(("first", clock.now()))
        scheduler.after(2, "second", lambda: seen.append(("second", clock.now())))

    scheduler.after(1, "first", first)
    scheduler.advance(10)

    assert seen == [("first", T0 + timedelta(seconds=1)), ("second", T0 + timedelta(seconds=3))]


def test_a_failing_task_does_not_stop_the_others(clock, caplog):
    scheduler = Scheduler(clock)
    seen = []

    def boom() -> None:
        raise RuntimeError("boom")

    scheduler.after(1, "boom", boom)
    scheduler.after(2, "fine", lambda: seen.append("fine"))

    scheduler.advance(2)

    assert seen == ["fine"]
    assert "boom failed" in caplog.text


def test_nothing_runs_without_an_advance_in_manual_time(clock):
    scheduler = Scheduler(clock)
    seen = []
    scheduler.after(1, "x", lambda: seen.append("x"))

    assert scheduler.run_due() == []
    assert seen == []


def test_the_background_thread_runs_tasks_in_real_time():
    clock = Clock(ClockMode.REAL, speed=100)
    scheduler = Scheduler(clock)
    done = threading.Event()
    scheduler.after(5, "soon", done.set)  # 5 emulated seconds = 50 ms of wall time

    scheduler.start()
    try:
        assert done.wait(timeout=5)
    finally:
        scheduler.stop()


def test_switching_to_real_time_runs_what_is_due_without_waiting_for_the_idle_recheck(
    clock, monkeypatch
):
    monkeypatch.setattr("mock_server.core.scheduler.IDLE_WAIT_SECONDS", 60.0)
    scheduler = Scheduler(clock)
    done = threading.Event()
    scheduler.at(T0, "due already", done.set)
    scheduler.start()
    try:
        assert not done.wait(timeout=0.05)  # manual time: nothing runs on its own

        clock.configure(ClockMode.REAL, None)
        scheduler.wake()

        assert done.wait(timeout=5)  # without the wake: the next re-check, 60 s away
    finally:
        scheduler.stop()


def test_advancing_by_a_negative_amount_is_refused(clock):
    with pytest.raises(ValueError, match="negative"):
        Scheduler(clock).advance(-1)
