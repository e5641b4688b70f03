"""The throughput chapter of BENCHMARKS.md: summary tables, ratios and every raw run."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from benchmarks.goals import cpu_saving, speedup
from benchmarks.markdown import millis, rate, ratio, share, table
from benchmarks.throughput import (
    CONNECTIONS,
    EMULATOR,
    ENDPOINTS,
    HELLO,
    PRISM,
    PRISM_QUIET,
    Key,
    Sample,
    Stat,
)

TARGET_TITLES = {
    EMULATOR: "emulator",
    PRISM: "Prism",
    PRISM_QUIET: "Prism, log silenced",
    HELLO: "hello-world ceiling",
}


def render(stats: Mapping[Key, Stat], samples: Sequence[Sample], rounds: int) -> str:
    parts = [_ratios(stats)]
    for endpoint in ENDPOINTS:
        rows = [
            [
                str(c),
                TARGET_TITLES[t],
                rate(s.requests_per_s),
                millis(s.p50_ms),
                millis(s.p99_ms),
                f"{s.cpu_us_per_request:,.0f}",
                share(s.failed_share),
                f"{s.bytes_per_response:,.0f}",
            ]
            for c in CONNECTIONS
            for t in endpoint.targets
            if (s := stats.get((endpoint.key, t, c))) is not None
        ]
        headers = [
            "connections",
            "server",
            "req/s",
            "p50",
            "p99",
            "server CPU µs/req",
            "non-2xx",
            "bytes/response",
        ]
        parts.append(f"### {endpoint.title}\n\n{table(headers, rows)}")
    parts.append(_raw(samples, rounds))
    return "\n\n".join(parts)


def _ratios(stats: Mapping[Key, Stat]) -> str:
    rows = []
    for endpoint in ENDPOINTS:
        for connections in CONNECTIONS:
            ceiling = speedup(stats, endpoint.key, HELLO, connections)
            rows.append(
                [
                    endpoint.title,
                    str(connections),
                    ratio(speedup(stats, endpoint.key, PRISM, connections)),
                    ratio(speedup(stats, endpoint.key, PRISM_QUIET, connections)),
                    "—" if ceiling is None else f"{ceiling:.0%}",
                    ratio(cpu_saving(stats, endpoint.key, PRISM, connections)),
                ]
            )
    headers = [
        "operation",
        "connections",
        "emulator / Prism",
        "emulator / Prism (log silenced)",
        "emulator / hello-world",
        "CPU per request, Prism / emulator",
    ]
    return "### Ratios (same run; req/s unless the column says CPU)\n\n" + table(headers, rows)


def _raw(samples: Sequence[Sample], rounds: int) -> str:
    rows = [
        [
            str(s.round),
            s.endpoint,
            TARGET_TITLES[s.target],
            str(s.connections),
            str(s.result.requests),
            f"{s.result.duration_s:.2f}",
            rate(s.result.requests_per_s),
            millis(s.result.p50_ms),
            millis(s.result.p90_ms),
            millis(s.result.p99_ms),
            millis(s.result.max_ms),
            f"{s.result.cpu_us_per_request:,.0f}",
            str(s.result.non_2xx),
            str(s.result.socket_errors + s.result.timeouts),
        ]
        for s in samples
    ]
    headers = [
        "round",
        "operation",
        "server",
        "connections",
        "requests",
        "seconds",
        "req/s",
        "p50",
        "p90",
        "p99",
        "max",
        "server CPU µs/req",
        "non-2xx",
        "socket errors",
    ]
    return (
        f"### Every run ({rounds} rounds, interleaved)\n\n<details><summary>raw wrk numbers"
        f"</summary>\n\n{table(headers, rows)}\n\n</details>"
    )
