"""What the webhook suite measured, its percentiles and rates, and its part of the report."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.markdown import millis, rate, table
from benchmarks.model import WrkResult


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile: a value that was measured, never an interpolation."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


@dataclass(frozen=True)
class LatencySeries:
    """Status change to receipt, in ms, for each delivery of one series."""

    title: str
    sent: int
    latencies_ms: tuple[float, ...]

    def percentile(self, q: float) -> float:
        return percentile(self.latencies_ms, q)


@dataclass(frozen=True)
class Burst:
    """Items released together; arrivals in seconds after the releasing call was sent."""

    title: str
    label: str  # a few words for the targets table
    items: int
    delivered: int  # what the emulator's delivery log calls delivered
    call_s: float  # how long the releasing call took to answer
    arrivals_s: tuple[float, ...]  # sorted

    @property
    def per_second(self) -> float:
        """Deliveries per second from the first arrival to the last: the rate once deliveries
        flow (what comes before, the agent steps and any scheduler wake-up, shows apart)."""
        if len(self.arrivals_s) < 2 or self.arrivals_s[-1] <= self.arrivals_s[0]:
            return 0.0
        return (len(self.arrivals_s) - 1) / (self.arrivals_s[-1] - self.arrivals_s[0])

    @property
    def overall_per_second(self) -> float:
        """Deliveries per second from the releasing call to the last arrival."""
        return len(self.arrivals_s) / self.arrivals_s[-1] if self.arrivals_s else 0.0


def render_latency(series: Sequence[LatencySeries]) -> str:
    rows = [
        [
            s.title,
            f"{len(s.latencies_ms)} of {s.sent}",
            *(millis(s.percentile(q)) for q in (50, 90, 99)),
            millis(max(s.latencies_ms, default=math.nan)),
        ]
        for s in series
    ]
    return table(["series", "deliveries", "p50", "p90", "p99", "max"], rows)


def render_bursts(bursts: Sequence[Burst]) -> str:
    rows = [
        [
            b.title,
            f"{len(b.arrivals_s):,} of {b.items:,} ({b.delivered:,} logged delivered)",
            millis(b.call_s * 1000),
            millis(b.arrivals_s[0] * 1000) if b.arrivals_s else "—",
            millis(b.arrivals_s[-1] * 1000) if b.arrivals_s else "—",
            rate(b.per_second),
            rate(b.overall_per_second),
        ]
        for b in bursts
    ]
    headers = [
        "released by",
        "arrived",
        "call answered after",
        "first arrival",
        "last arrival",
        "deliveries/s, first to last arrival",
        "deliveries/s, release to last arrival",
    ]
    return table(headers, rows)


def render_ceiling(result: WrkResult) -> str:
    return (
        "The receiver alone (wrk, 8 connections, a new connection per request as the\n"
        f"dispatcher sends them) takes {rate(result.requests_per_s)} req/s at "
        f"{result.cpu_us_per_request:.0f} µs of CPU each, p50 {millis(result.p50_ms)}:\n"
        "the figures above are the emulator's, not the receiver's."
    )
