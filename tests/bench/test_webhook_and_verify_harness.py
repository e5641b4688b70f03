"""The webhook and verify suites' pure parts: percentiles, rates, targets and their tables."""

from __future__ import annotations

import math

import pytest

from benchmarks import goals, report
from benchmarks.model import Section
from benchmarks.verify import VerifyRun, median_seconds, render
from benchmarks.webhook_stats import Burst, LatencySeries, percentile, render_bursts


def test_percentiles_are_nearest_rank_values_that_were_measured():
    values = [5.0, 1.0, 4.0, 2.0, 3.0]

    assert percentile(values, 50) == 3.0
    assert percentile(values, 99) == 5.0
    assert percentile(values, 1) == 1.0
    assert math.isnan(percentile([], 50))


def burst(arrivals: tuple[float, ...]) -> Burst:
    return Burst("advance", "advance", len(arrivals), len(arrivals), 0.5, arrivals)


def test_a_bursts_rate_runs_from_first_to_last_arrival_and_overall_from_the_release():
    released_late = burst((0.5, 0.75, 1.0))

    assert released_late.per_second == pytest.approx(2 / 0.5)
    assert released_late.overall_per_second == pytest.approx(3 / 1.0)
    assert burst(()).per_second == 0.0
    assert "| advance | 3 of 3 (3 logged delivered) |" in render_bursts([released_late])


def test_webhook_targets_check_each_series_p50_and_report_the_burst_rates():
    fast = LatencySeries("create", 3, (1.0, 2.0, 3.0))
    slow = LatencySeries("agent", 3, (25.0, 30.0, 35.0))

    checks = goals.webhook_checks([fast, slow], [burst((0.0, 0.001))])

    assert [check.met for check in checks] == [True, False, None]
    assert checks[2].reported
    assert checks[2].measured == "1,000/s (advance)"


def test_verify_target_is_on_the_median_wall_time_and_counts_passing_runs():
    runs = [
        VerifyRun(seconds, status, 0, (("conformance", seconds - 1, 10),))
        for seconds, status in ((30.0, 0), (70.0, 1), (20.0, 0))
    ]

    [check] = goals.verify_checks(runs)

    assert median_seconds(runs) == 30.0
    assert (check.met, check.measured) == (True, "30.0 s (2 of 3 runs passed)")
    assert "| 2 | 70.0 s | 1 | 0 | 69.0 |" in render(runs)


def test_reported_figures_are_not_counted_as_targets():
    checks = goals.webhook_checks([], [burst((0.0, 0.5))])
    text = report.render(
        machine=[("cores", "2")],
        command="make bench",
        started="2026-11-23 12:00 UTC",
        minutes=1.0,
        sections=[Section("Webhooks", "numbers", tuple(checks))],
        findings="",
    )

    assert "0 of 0 measured targets met" in text
    assert "| 2/s (advance) | reported (no target) |" in text
