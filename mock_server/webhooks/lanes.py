"""Runs webhook attempts on worker threads, a few at a time per destination.

With one shared pool, a receiver that hangs held every worker in turn (eight hanging
attempts froze all deliveries, a healthy receiver waited minutes). Here each destination
gets at most `per_destination` attempts in flight; the rest of its attempts wait in its own
line without holding a thread, so a slow receiver slows down only itself.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError
from dataclasses import dataclass, field

log = logging.getLogger("workitems_mock")

PER_DESTINATION = 4
MAX_THREADS = 32
IDLE_THREAD_SECONDS = 30.0


@dataclass(eq=False)
class Job:
    destination: str
    work: Callable[[], None]
    done: Future[None] = field(default_factory=Future)


class Lanes:
    """Daemon worker threads (started on demand, stopped when idle) fed per destination.

    Daemon threads: an attempt still hanging when the process exits is abandoned (see
    `close`), never waited for, so a shutdown is never held up by a receiver.
    """

    def __init__(self, per_destination: int = PER_DESTINATION, threads: int = MAX_THREADS) -> None:
        self._per_destination, self._max_threads = per_destination, threads
        self._lock = threading.Condition()
        self._ready: deque[Job] = deque()  # may run now: their destination has room
        self._waiting: dict[str, deque[Job]] = {}  # their destination is full
        self._running: dict[str, int] = {}
        self._in_flight: set[Job] = set()
        self._threads = self._idle = 0
        self._closed = False

    def submit(self, destination: str, work: Callable[[], None]) -> Future[None]:
        """Run `work` when `destination` has room; the future is done when it has run."""
        job = Job(destination, work)
        with self._lock:
            if self._closed:
                job.done.set_result(None)
            elif self._running.get(destination, 0) < self._per_destination:
                self._make_ready(job)
            else:
                self._waiting.setdefault(destination, deque()).append(job)
        return job.done

    def _make_ready(self, job: Job) -> None:
        self._running[job.destination] = self._running.get(job.destination, 0) + 1
        self._ready.append(job)
        if self._idle:
            self._lock.notify()
        elif self._threads < self._max_threads:
            self._threads += 1
            threading.Thread(target=self._serve, name="webhook", daemon=True).start()

    def _serve(self) -> None:
        while (job := self._next()) is not None:
            try:
                job.work()
            except Exception:  # one failing attempt must not take the worker with it
                log.exception("a webhook attempt to %s failed", job.destination)
            finally:
                self._finished(job)

    def _next(self) -> Job | None:
        with self._lock:
            while not self._ready:
                if self._closed:
                    break
                self._idle += 1
                woken = self._lock.wait(IDLE_THREAD_SECONDS)
                self._idle -= 1
                if not woken and not self._ready:
                    break
            if not self._ready or self._closed:
                self._threads -= 1
                return None
            job = self._ready.popleft()
            self._in_flight.add(job)
            return job

    def _finished(self, job: Job) -> None:
        with self._lock:
            self._in_flight.discard(job)
            destination = job.destination
            self._running[destination] -= 1
            waiting = self._waiting.get(destination)
            if waiting:
                self._make_ready(waiting.popleft())
                if not waiting:
                    del self._waiting[destination]
            elif not self._running[destination]:
                del self._running[destination]
            self._lock.notify_all()
        _settle(job)

    def in_flight(self) -> int:
        with self._lock:
            return len(self._in_flight)

    def close(self, grace: float) -> int:
        """Take no more work, drop what has not started, and wait up to `grace` seconds for
        what is running; answer how many attempts were still running (and are abandoned)."""
        with self._lock:
            self._closed = True
            dropped = [*self._ready, *(job for line in self._waiting.values() for job in line)]
            self._ready.clear()
            self._waiting.clear()
            self._lock.notify_all()
            self._lock.wait_for(lambda: not self._in_flight, timeout=grace)
            abandoned = list(self._in_flight)
        # Whoever waits for an abandoned attempt (an advance) must not wait past shutdown.
        for job in [*dropped, *abandoned]:
            _settle(job)
        return len(abandoned)


def _settle(job: Job) -> None:
    with contextlib.suppress(InvalidStateError):  # settled already (by close, or by finishing)
        job.done.set_result(None)
