"""The benchmark harness's pure parts: wrk's result line, aggregation, targets and the report."""

from __future__ import annotations

import pytest

from benchmarks import goals, report
from benchmarks.markdown import table
from benchmarks.model import BenchError, Check, ScaleRow, Section, WrkResult
from benchmarks.throughput import EMULATOR, HELLO, PRISM, Sample, Stat, summarize
from benchmarks.wrk import parse_result

WRK_OUTPUT = """\
Running 3s test @ http://127.0.0.1:41234
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.02ms  503.33us   9.52ms   85.65%
  23842 requests in 3.00s, 17.65MB read
  Non-2xx or 3xx responses: 12
BENCH_RESULT {"requests":23842,"duration_us":3000000,"bytes":18507000,"non_2xx":12,\
"socket_errors":1,"timeouts":0,"p50_us":960,"p90_us":1520,"p99_us":2840,"max_us":9520,\
"mean_us":1020.5}
Requests/sec:   7947.33
"""


def result(rps: float = 1000, p50: float = 1.0, p99: float = 5.0, non_2xx: int = 0) -> WrkResult:
    requests = int(rps * 3)
    return WrkResult(requests, 3.0, requests * 100, non_2xx, 0, 0, p50, p50, p99, p99, p50)


def test_the_result_line_is_read_exactly_among_wrks_own_output():
    parsed = parse_result(WRK_OUTPUT)

    assert parsed.requests == 23842
    assert parsed.duration_s == 3.0
    assert parsed.p50_ms == 0.96
    assert parsed.p99_ms == 2.84
    assert parsed.non_2xx == 12
    assert parsed.requests_per_s == pytest.approx(7947.33, abs=0.01)
    assert parsed.failed_share == pytest.approx(13 / 23842)


def test_output_without_a_result_line_is_an_error_that_shows_the_output():
    with pytest.raises(BenchError, match="Requests/sec"):
        parse_result("Requests/sec: 10\n")


def test_rounds_are_summarized_by_their_medians_so_one_noisy_round_does_not_decide():
    samples = [
        Sample(1, "get", EMULATOR, 8, result(rps=1000, p50=1.0, p99=4.0)),
        Sample(2, "get", EMULATOR, 8, result(rps=3000, p50=3.0, p99=900.0)),
        Sample(3, "get", EMULATOR, 8, result(rps=2000, p50=2.0, p99=6.0)),
    ]

    stat = summarize(samples)[("get", EMULATOR, 8)]

    assert stat.requests_per_s == pytest.approx(2000)
    assert stat.p50_ms == pytest.approx(2.0)
    assert stat.p99_ms == 6.0


def stats_for(emulator: float, prism: float, hello: float, p99: float = 5.0) -> dict:
    def stat(rps: float, p99_ms: float = 5.0) -> Stat:
        return Stat(rps, 1.0, p99_ms, 100.0, 0.0, 100.0)

    stats = {}
    for connections in (8, 32):
        for endpoint in ("get", "create", "action"):
            stats[(endpoint, EMULATOR, connections)] = stat(emulator, p99)
            stats[(endpoint, PRISM, connections)] = stat(prism)
        stats[("get", HELLO, connections)] = stat(hello)
    return stats


def test_throughput_targets_compare_ratios_from_the_same_run():
    checks = goals.throughput_checks(stats_for(emulator=6000, prism=2000, hello=9000, p99=20))

    verdicts = {check.goal: check.met for check in checks}
    assert verdicts["GET work item >= 3x Prism req/s, 8 connections"] is True
    assert verdicts["GET work item >= 60% of hello-world req/s, 32 connections"] is True
    assert verdicts["GET work item p99 < 15 ms, 32 connections"] is False
    assert verdicts["create >= 2x Prism req/s, 32 connections"] is True


def test_a_missing_measurement_is_not_a_pass():
    checks = goals.throughput_checks({})

    assert all(check.met is None for check in checks)


def test_scale_targets_compare_the_largest_size_with_the_smallest():
    rows = [
        ScaleRow(1_000, 60.0, {"get": result(p50=1.0, p99=2.0), "list_agent": result(p50=1.0)}),
        ScaleRow(100_000, 320.0, {"get": result(p50=1.2, p99=4.0), "list_agent": result(p50=1.1)}),
    ]

    verdicts = {check.goal.split(" at ")[0]: check.met for check in goals.scale_checks(rows)}

    assert verdicts["100,000 items in <= 300 MB resident (worker)"] is False
    assert verdicts["GET work item p50"] is True
    assert verdicts["GET work item p99"] is False
    assert verdicts["list filtered by agent p50"] is True


def test_tables_right_align_numeric_columns():
    text = table(["server", "req/s"], [["emulator", "9,000"], ["Prism", "—"]])

    assert text.splitlines()[1] == "| --- | ---: |"


def test_the_report_counts_targets_and_marks_what_is_not_measured_yet():
    sections = [
        Section("Throughput", "numbers", (Check("fast", "3.10x", True), Check("slim", "1", False))),
        Section("Webhooks", "later", (Check("p50 < 20 ms", "—", None),)),
    ]

    text = report.render(
        machine=[("cores", "2")],
        command="make bench",
        started="2026-11-23 12:00 UTC",
        minutes=6.5,
        sections=sections,
        findings="## What profiling found\n\nnothing",
    )

    assert "## Targets (issue 8): 1 of 2 measured targets met" in text
    assert "| p50 < 20 ms | — | not measured yet |" in text
    assert "| slim | 1 | **missed** |" in text
    assert text.endswith("nothing\n")


def test_prism_mocks_the_spec_without_callbacks_and_the_original_is_untouched():
    from benchmarks.tools import without_callbacks

    create = {"operationId": "createWorkItem", "callbacks": {"hook": {}}, "responses": {}}
    document = {"openapi": "3.1.0", "paths": {"/work-items": {"post": create, "summary": "x"}}}

    stripped = without_callbacks(document)

    assert stripped["paths"]["/work-items"]["post"] == {
        "operationId": "createWorkItem",
        "responses": {},
    }
    assert stripped["paths"]["/work-items"]["summary"] == "x"
    assert "callbacks" in create


def test_scale_figures_are_medians_over_the_rounds_each_column_on_its_own():
    from benchmarks.scale import _median

    runs = [result(rps=1000, p50=0.3, p99=0.5), result(rps=3000, p50=0.2, p99=9.0)]
    runs.append(result(rps=2000, p50=0.4, p99=0.6))

    summary = _median(runs)

    assert (summary.p50_ms, summary.p99_ms) == (0.3, 0.6)
    assert summary.requests_per_s == pytest.approx(2000)
