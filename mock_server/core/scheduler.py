"""Runs tasks when the emulator clock reaches them: by a background thread, or on advance."""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from mock_server.core.atomic import on_commit
from mock_server.core.clock import Clock, ClockMode
from mock_server.core.errors import TooManyRequests

log = logging.getLogger("workitems_mock.scheduler")

IDLE_WAIT_SECONDS = 0.5  # re-check a manual or idle clock this often
BUSY_RETRY = 1.0  # emulated seconds before a task that found the emulator full runs again


@dataclass(order=True)
class Task:
    due: datetime
    seq: int
    name: str = field(compare=False)
    action: Callable[[], object] = field(compare=False, repr=False)
    cancelled: bool = field(default=False, compare=False)

    def cancel(self) -> None:
        """Never run it (a newer plan replaced it): it leaves the timetable and `ran` alike."""
        self.cancelled = True


@dataclass(frozen=True)
class Ran:
    """A task that ran, and the emulated instant it ran at."""

    name: str
    at: datetime


class Scheduler:
    """A timetable of callbacks on the emulator clock; nothing here ever sleeps in a request.

    Tasks run in (due time, scheduling order). In manual time `advance` moves the clock to each
    task's due time in turn and runs it, so every timestamp a task writes is exact; in real
    time a daemon thread waits for the next due task. Only one runner runs tasks at a time.

    A task may hand slow work (a webhook attempt) to another thread and return its Future:
    `advance` waits for it before the next task, so manual time stays deterministic, while
    the real-time thread moves on at once and never stalls behind a slow receiver.
    """

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._heap: list[Task] = []
        self._seq = itertools.count()
        self._wakeup = threading.Condition()
        self._runner = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._in_flight: set[Future[object]] = set()  # slow work the real-time thread handed off

    def at(self, due: datetime, name: str, action: Callable[[], object]) -> Task:
        """Put `action` on the timetable; inside a unit of work, once the unit succeeds (so a
        failed request never leaves a task behind, nor runs one early)."""
        task = Task(due, next(self._seq), name, action)
        on_commit(lambda: self._push(task))
        return task

    def _push(self, task: Task) -> None:
        with self._wakeup:
            heapq.heappush(self._heap, task)
            self._wakeup.notify()

    def after(self, seconds: float, name: str, action: Callable[[], object]) -> Task:
        return self.at(self.clock.now() + timedelta(seconds=seconds), name, action)

    def pending(self) -> list[Task]:
        with self._wakeup:
            return sorted(task for task in self._heap if not task.cancelled)

    def clear(self) -> None:
        with self._wakeup:
            self._heap.clear()

    def _pop_due(self, until: datetime) -> Task | None:
        with self._wakeup:
            while self._heap and self._heap[0].due <= until:
                task = heapq.heappop(self._heap)
                if not task.cancelled:
                    return task
            return None

    def _run(self, task: Task, *, wait: bool) -> Ran:
        try:
            outcome = task.action()
            if isinstance(outcome, Future):
                if wait:
                    outcome.result()
                else:
                    self._in_flight.add(outcome)
                    outcome.add_done_callback(self._in_flight.discard)
        except TooManyRequests as busy:  # the emulator is full for now (its work was undone)
            log.warning("%s: %s; trying again in %g s", task.name, busy.message, BUSY_RETRY)
            self.after(BUSY_RETRY, task.name, task.action)
        except Exception:  # a failing task must not stop the timetable
            log.exception("scheduled task %s failed", task.name)
        return Ran(task.name, task.due)

    def _drain(self) -> None:
        """Wait for work the real-time thread handed off, so what it schedules is on the
        timetable before an advance starts."""
        for future in list(self._in_flight):
            try:
                future.result()
            except Exception:
                log.exception("handed-off work failed")

    def run_due(self) -> list[Ran]:
        """Run every task due by now, in order (tasks they schedule included)."""
        ran: list[Ran] = []
        with self._runner:
            while (task := self._pop_due(self.clock.now())) is not None:
                ran.append(self._run(task, wait=False))
        return ran

    def advance(self, seconds: float) -> list[Ran]:
        """Move the clock forward, running each task due on the way at its own instant."""
        if seconds < 0:
            raise ValueError("seconds must not be negative")
        return self.advance_to(self.clock.now() + timedelta(seconds=seconds))

    def advance_to(self, target: datetime) -> list[Ran]:
        ran: list[Ran] = []
        with self._runner:
            self._drain()
            while (task := self._pop_due(target)) is not None:
                if task.due > self.clock.now():
                    self.clock.advance_to(task.due)
                ran.append(self._run(task, wait=True))
            if target > self.clock.now():
                self.clock.advance_to(target)
        return ran

    def start(self) -> None:
        """Run due tasks in the background while the clock is real (idempotent)."""
        if self._thread is not None:
            return
        self._stopping = False
        self._thread = threading.Thread(target=self._loop, name="scheduler", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Re-read the clock now: after a switch to real time or a new speed, due tasks run at
        once instead of at the loop's next idle re-check (up to IDLE_WAIT_SECONDS later)."""
        with self._wakeup:
            self._wakeup.notify()

    def stop(self) -> None:
        with self._wakeup:
            self._stopping = True
            self._wakeup.notify()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _loop(self) -> None:
        while True:
            with self._wakeup:
                if self._stopping:
                    return
                self._wakeup.wait(timeout=self._wait_seconds())
                if self._stopping:
                    return
            if self.clock.mode is ClockMode.REAL:  # manual time moves only on advance
                self.run_due()

    def _wait_seconds(self) -> float:
        if not self._heap:
            return IDLE_WAIT_SECONDS
        wait = self.clock.wall_seconds_until(self._heap[0].due)
        return IDLE_WAIT_SECONDS if wait is None else min(wait, IDLE_WAIT_SECONDS)
