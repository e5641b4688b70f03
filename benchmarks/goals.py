"""Issue 8's targets, evaluated on the numbers of one run."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from benchmarks.markdown import megabytes, millis, rate, ratio
from benchmarks.model import Check, ScaleRow
from benchmarks.throughput import EMULATOR, HELLO, PRISM, Key, Stat
from benchmarks.verify import VerifyRun, median_seconds
from benchmarks.webhook_stats import Burst, LatencySeries
from benchmarks.webhooks import BURST_ITEMS

GET_VS_PRISM = 3.0
GET_VS_CEILING = 0.6
GET_P99_MS = 15.0
WRITE_VS_PRISM = 2.0
RSS_LIMIT_MB = 300.0
FLAT_FACTOR = 1.5
WEBHOOK_P50_MS = 20.0
VERIFY_S = 60.0


def _pair(
    stats: Mapping[Key, Stat], endpoint: str, other: str, connections: int
) -> tuple[Stat, Stat] | None:
    """The emulator's and `other`'s figures for one operation and connection count."""
    mine, theirs = (
        stats.get((endpoint, EMULATOR, connections)),
        stats.get((endpoint, other, connections)),
    )
    return None if mine is None or theirs is None else (mine, theirs)


def speedup(stats: Mapping[Key, Stat], endpoint: str, other: str, connections: int) -> float | None:
    """Emulator req/s over `other`'s for the same operation and connections."""
    pair = _pair(stats, endpoint, other, connections)
    if pair is None or not pair[1].requests_per_s:
        return None
    return pair[0].requests_per_s / pair[1].requests_per_s


def cpu_saving(
    stats: Mapping[Key, Stat], endpoint: str, other: str, connections: int
) -> float | None:
    """How many times the emulator's server CPU per request `other` spends."""
    pair = _pair(stats, endpoint, other, connections)
    if pair is None or not pair[0].cpu_us_per_request:
        return None
    return pair[1].cpu_us_per_request / pair[0].cpu_us_per_request


def _at_least(goal: str, value: float | None, floor: float, *, percent: bool = False) -> Check:
    shown = ratio(value) if not percent or value is None else f"{value:.0%}"
    return Check(goal, shown, None if value is None else value >= floor)


def throughput_checks(stats: Mapping[Key, Stat]) -> list[Check]:
    checks = []
    for connections in (8, 32):
        checks.append(
            _at_least(
                f"GET work item >= {GET_VS_PRISM:g}x Prism req/s, {connections} connections",
                speedup(stats, "get", PRISM, connections),
                GET_VS_PRISM,
            )
        )
        checks.append(
            _at_least(
                f"GET work item >= {GET_VS_CEILING:.0%} of hello-world req/s, "
                f"{connections} connections",
                speedup(stats, "get", HELLO, connections),
                GET_VS_CEILING,
                percent=True,
            )
        )
    p99 = stats.get(("get", EMULATOR, 32))
    checks.append(
        Check(
            f"GET work item p99 < {GET_P99_MS:g} ms, 32 connections",
            millis(p99.p99_ms) if p99 else "—",
            None if p99 is None else p99.p99_ms < GET_P99_MS,
        )
    )
    for endpoint, title in (("create", "create"), ("action", "lifecycle action")):
        for connections in (8, 32):
            checks.append(
                _at_least(
                    f"{title} >= {WRITE_VS_PRISM:g}x Prism req/s, {connections} connections",
                    speedup(stats, endpoint, PRISM, connections),
                    WRITE_VS_PRISM,
                )
            )
    return checks


def _growth(rows: Sequence[ScaleRow], query: str, percentile: str) -> float | None:
    first, last = rows[0].latencies.get(query), rows[-1].latencies.get(query)
    if first is None or last is None:
        return None
    before, after = getattr(first, percentile), getattr(last, percentile)
    return after / before if before else None


def scale_checks(rows: Sequence[ScaleRow]) -> list[Check]:
    if len(rows) < 2:
        return []
    largest, smallest = rows[-1], rows[0]
    checks = [
        Check(
            f"{largest.items:,} items in <= {RSS_LIMIT_MB:g} MB resident (worker)",
            megabytes(largest.rss_mb),
            largest.rss_mb <= RSS_LIMIT_MB,
        )
    ]
    for query, title in (("get", "GET work item"), ("list_agent", "list filtered by agent")):
        for percentile in ("p50_ms", "p99_ms"):
            growth = _growth(rows, query, percentile)
            goal = (
                f"{title} {percentile[:3]} at {largest.items:,} items <= {FLAT_FACTOR:g}x "
                f"the {smallest.items:,}-item latency"
            )
            checks.append(
                Check(goal, ratio(growth), None if growth is None else growth <= FLAT_FACTOR)
            )
    return checks


def webhook_checks(series: Sequence[LatencySeries], bursts: Sequence[Burst]) -> list[Check]:
    checks = [
        Check(
            f"webhook status-change-to-receipt p50 < {WEBHOOK_P50_MS:g} ms: {s.title}",
            millis(p50),
            p50 < WEBHOOK_P50_MS,
        )
        for s in series
        if not math.isnan(p50 := s.percentile(50))
    ]
    measured = "; ".join(f"{rate(b.per_second)}/s ({b.label})" for b in bursts)
    checks.append(
        Check(
            f"webhook deliveries/s with {BURST_ITEMS:,} items completing at once",
            measured or "—",
            None,
            reported=bool(bursts),
        )
    )
    return checks


def verify_checks(runs: Sequence[VerifyRun]) -> list[Check]:
    if not runs:
        return [Check(f"full `verify` < {VERIFY_S:g} s", "—", None)]
    seconds = median_seconds(runs)
    passed = sum(run.passed for run in runs)
    return [
        Check(
            f"full `verify` < {VERIFY_S:g} s (median of {len(runs)} runs)",
            f"{seconds:.1f} s ({passed} of {len(runs)} runs passed)",
            seconds < VERIFY_S,
        )
    ]
