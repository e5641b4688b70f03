"""The emulator's single source of time: wall time (optionally sped up) or manual time."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from enum import StrEnum

DEFAULT_MANUAL_START = datetime(2025, 1, 1, tzinfo=UTC)


class ClockMode(StrEnum):
    REAL = "real"
    MANUAL = "manual"


class Clock:
    """Answers `now()` for everything in the emulator; nothing else reads the system time.

    In real mode emulated time runs `speed` times as fast as the wall clock from the moment
    it was anchored; in manual mode it stands still until `advance_to` moves it. Switching
    modes keeps the current emulated instant, so time never jumps on a switch.
    """

    def __init__(
        self,
        mode: ClockMode = ClockMode.REAL,
        *,
        speed: float = 1.0,
        start: datetime | None = None,
        wall: Callable[[], float] = time.time,
    ) -> None:
        if speed <= 0:
            raise ValueError("clock speed must be greater than 0")
        self._wall = wall
        self._lock = threading.Lock()
        self._mode = mode
        self._speed = speed
        if start is None:
            start = datetime.fromtimestamp(wall(), UTC) if mode is ClockMode.REAL else None
        self._anchor = start or DEFAULT_MANUAL_START
        self._anchor_wall = wall()

    @property
    def mode(self) -> ClockMode:
        return self._mode

    @property
    def speed(self) -> float:
        return self._speed

    def now(self) -> datetime:
        with self._lock:
            return self._now_locked()

    def _now_locked(self) -> datetime:
        if self._mode is ClockMode.MANUAL:
            return self._anchor
        elapsed = (self._wall() - self._anchor_wall) * self._speed
        return self._anchor + timedelta(seconds=elapsed)

    def configure(self, mode: ClockMode | None = None, speed: float | None = None) -> None:
        """Switch mode or speed, re-anchoring so the emulated instant is unchanged."""
        if speed is not None and speed <= 0:
            raise ValueError("clock speed must be greater than 0")
        with self._lock:
            self._anchor = self._now_locked()
            self._anchor_wall = self._wall()
            self._mode = mode or self._mode
            self._speed = speed or self._speed

    def advance_to(self, instant: datetime) -> None:
        """Move emulated time forward to `instant`; time never goes backwards."""
        with self._lock:
            current = self._now_locked()
            if instant < current:
                raise ValueError(
                    f"cannot move the clock back from {current.isoformat()} "
                    f"to {instant.isoformat()}"
                )
            self._anchor = instant
            self._anchor_wall = self._wall()

    def restore(self, instant: datetime, mode: ClockMode, speed: float) -> None:
        """Jump to a saved instant, even backwards: only for importing a snapshot."""
        with self._lock:
            self._anchor, self._anchor_wall = instant, self._wall()
            self._mode, self._speed = mode, speed

    def wall_seconds_until(self, instant: datetime) -> float | None:
        """How long a real-time waiter should sleep for `instant`; None when time is manual."""
        with self._lock:
            if self._mode is ClockMode.MANUAL:
                return None
            remaining = (instant - self._now_locked()).total_seconds()
            return max(0.0, remaining / self._speed)


# A wall-time counter in seconds, for latencies (never emulated time). An alias, not a wrapper:
# the request journal reads it twice per request.
wall_seconds = time.perf_counter


def stopwatch() -> Callable[[], float]:
    """Wall seconds elapsed since the call, for measuring latency (not emulated time)."""
    started = wall_seconds()
    return lambda: wall_seconds() - started


def isoformat_z(instant: datetime) -> str:
    """ISO-8601 UTC with microseconds and a `Z` suffix, as the platform serialises datetimes."""
    if instant.tzinfo is not UTC:
        instant = instant.astimezone(UTC)
    return instant.isoformat(timespec="microseconds")[:-6] + "Z"  # drop "+00:00"


MAX_WALL_PAUSE = 60.0


def wall_pause(seconds: float) -> None:
    """Hold the calling thread for real seconds (a slow webhook receiver), at most a minute."""
    time.sleep(min(max(seconds, 0.0), MAX_WALL_PAUSE))
