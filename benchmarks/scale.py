"""Worker memory and single-client latency of get and list, with 1k, 10k and 100k items held.

One emulator per size runs at the same time and the measurements interleave in rounds, so a
slow spell of this shared machine hits every size alike instead of deciding the comparison.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import fields
from pathlib import Path

from benchmarks import servers
from benchmarks.loading import AGENTS, api_env, load_items
from benchmarks.markdown import megabytes, millis, rate, table
from benchmarks.model import Context, ScaleRow, WrkResult
from benchmarks.servers import Server
from benchmarks.wrk import Load, run_wrk

SIZES = (1_000, 10_000, 100_000)
LIST_QUERY = "?limit=20"
FILTER_AGENT = AGENTS[1]
QUERIES = {
    "get": "GET work item (random id)",
    "list": f"list page ({LIST_QUERY})",
    "list_agent": f"list filtered by agent ({LIST_QUERY}&agent_id={FILTER_AGENT})",
}
CONNECTIONS = 1  # latency of one client: the per-request cost, without queueing


def log(message: str) -> None:
    sys.stderr.write(f"[bench] {message}\n")


def measure(ctx: Context, sizes: Sequence[int] = SIZES) -> tuple[float, list[ScaleRow]]:
    """The worker's resident memory when empty, and a row per size (medians over the rounds)."""
    with ExitStack() as stack:
        held = {
            size: stack.enter_context(servers.emulator(ctx, f"emulator-{size}")) for size in sizes
        }
        empty_rss = servers.rss_mb(held[min(sizes)].worker_pid())
        ids_files, speeds = {}, {}
        for size, server in held.items():
            ids_files[size] = ctx.work_dir / f"scale-{size}.ids"
            ids_files[size].unlink(missing_ok=True)
            speeds[size] = load_items(ctx, server, size, ids_files[size]).items_per_s
            log(f"scale: {size:,} items loaded ({speeds[size]:,.0f} items/s)")
        runs: dict[tuple[int, str], list[WrkResult]] = {}
        for number in range(1, ctx.rounds + 1):
            for key in QUERIES:
                for size, server in held.items():
                    result = _latency(ctx, server, key, ids_files[size])
                    runs.setdefault((size, key), []).append(result)
                    log(
                        f"scale round {number}: {size:>7,} items {key:<10} "
                        f"p50 {result.p50_ms:.2f} ms p99 {result.p99_ms:.2f} ms"
                    )
        return empty_rss, [
            ScaleRow(
                size,
                servers.rss_mb(server.worker_pid()),
                {key: _median(runs[(size, key)]) for key in QUERIES},
                speeds[size],
            )
            for size, server in held.items()
        ]


def _median(results: list[WrkResult]) -> WrkResult:
    """Each figure's median over the rounds (the lower one of an even count: always a value
    that was measured), as the throughput tables do: a p99 from one 3 s run can be decided by
    one hiccup of this shared machine."""
    return WrkResult(
        **{
            f.name: statistics.median_low(getattr(r, f.name) for r in results)
            for f in fields(WrkResult)
        }
    )


def _latency(ctx: Context, server: Server, key: str, ids_file: Path) -> WrkResult:
    if key == "get":
        load = Load("get.lua", server.base_url, api_env(server, BENCH_IDS_FILE=str(ids_file)))
    else:
        query = LIST_QUERY + (f"&agent_id={FILTER_AGENT}" if key == "list_agent" else "")
        load = Load("static.lua", server.api_url + "/work-items" + query, api_env(server))
    return run_wrk(ctx.wrk, load, connections=CONNECTIONS, duration_s=ctx.duration_s)


def render(empty_rss: float, rows: Sequence[ScaleRow]) -> str:
    memory = [
        [
            f"{row.items:,}",
            megabytes(row.rss_mb),
            f"{(row.rss_mb - empty_rss) * 1e6 / row.items:,.0f}",
            rate(row.items_per_s),
        ]
        for row in rows
    ]
    memory_table = table(
        ["work items", "worker RSS", "bytes per item (over empty)", "created/s while loading"],
        [["0", megabytes(empty_rss), "—", "—"], *memory],
    )
    latency_rows = [
        [
            f"{row.items:,}",
            QUERIES[key],
            rate(result.requests_per_s),
            millis(result.p50_ms),
            millis(result.p99_ms),
            millis(result.max_ms),
        ]
        for key in QUERIES
        for row in rows
        if (result := row.latencies.get(key)) is not None
    ]
    latency_table = table(["work items", "query", "req/s", "p50", "p99", "max"], latency_rows)
    return f"{memory_table}\n\n{latency_table}"
