"""Per-key request limits per minute and per day, counted on the emulator clock."""

from __future__ import annotations

import math
import threading
from dataclasses import asdict, dataclass
from typing import Any

from mock_server.apis.docld.domain.keys import DocldKey
from mock_server.core.clock import Clock
from mock_server.core.errors import TooManyRequests

MINUTE, DAY = 60, 86_400


@dataclass(frozen=True, slots=True)
class Allowance:
    """One request's verdict and the window the X-RateLimit-* headers describe."""

    allowed: bool
    window: str  # "rpm" or "rpd"
    limit: int
    remaining: int
    reset_at: int  # epoch seconds
    retry_after: int  # seconds; 0 when allowed

    def headers(self) -> dict[str, str]:
        found = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_at),
        }
        if not self.allowed:
            found["Retry-After"] = str(self.retry_after)
        return found


WINDOW_NAMES = {"rpm": "minute", "rpd": "day"}


def refusal(key: DocldKey, allowance: Allowance) -> TooManyRequests:
    """The 429 for a spent window; the message says which window and when to come back."""
    per = WINDOW_NAMES[allowance.window]
    return TooManyRequests(
        f"Rate limit exceeded ({allowance.window}): API key {key.name!r} may make "
        f"{allowance.limit} requests per {per}; retry in {allowance.retry_after} s.",
        issue=f"{allowance.limit} requests per {per} ({key.tier} tier)",
    )


@dataclass(slots=True)
class Usage:
    minute: int  # which minute since the epoch the count is for
    in_minute: int
    day: int
    in_day: int


class RateLimiter:
    """Fixed windows: a calendar minute and a UTC day, as the documented rpm and rpd read.

    FIDELITY (inferred): whether DocLD's windows are fixed or sliding is not documented. The
    headers describe the window with fewer requests left (the minute on a tie).
    """

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._usage: dict[str, Usage] = {}

    def take(self, key: DocldKey) -> Allowance:
        """Count one request of `key`, unless a limit is spent (then nothing is counted)."""
        now = self.clock.now().timestamp()
        minute, day = math.floor(now / MINUTE), math.floor(now / DAY)
        with self._lock:
            usage = self._usage.setdefault(key.key, Usage(minute, 0, day, 0))
            if usage.minute != minute:
                usage.minute, usage.in_minute = minute, 0
            if usage.day != day:
                usage.day, usage.in_day = day, 0
            minute_end, day_end = (minute + 1) * MINUTE, (day + 1) * DAY
            if usage.in_minute >= key.rate_limit_rpm:
                wait = math.ceil(minute_end - now)
                return Allowance(False, "rpm", key.rate_limit_rpm, 0, minute_end, max(wait, 1))
            if usage.in_day >= key.rate_limit_rpd:
                wait = math.ceil(day_end - now)
                return Allowance(False, "rpd", key.rate_limit_rpd, 0, day_end, max(wait, 1))
            usage.in_minute += 1
            usage.in_day += 1
            left_minute = key.rate_limit_rpm - usage.in_minute
            left_day = key.rate_limit_rpd - usage.in_day
            if left_day < left_minute:
                return Allowance(True, "rpd", key.rate_limit_rpd, left_day, day_end, 0)
            return Allowance(True, "rpm", key.rate_limit_rpm, left_minute, minute_end, 0)

    def clear(self) -> None:
        with self._lock:
            self._usage.clear()

    def export(self) -> dict[str, dict[str, int]]:
        with self._lock:
            return {key: asdict(usage) for key, usage in self._usage.items()}

    def restore(self, saved: dict[str, Any]) -> None:
        with self._lock:
            self._usage = {key: Usage(**usage) for key, usage in saved.items()}
