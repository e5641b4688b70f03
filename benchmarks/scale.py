"""Worker memory and single-client latency of get and list as the emulator fills up."""

from __future__ import annotations

import sys
from collections.abc import Sequence
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
    """The worker's resident memory when empty, and a row per size, filled in ascending order."""
    ids_file = ctx.work_dir / "scale.ids"
    ids_file.unlink(missing_ok=True)
    rows = []
    with servers.emulator(ctx, "emulator-scale") as server:
        worker = server.worker_pid()
        empty_rss = servers.rss_mb(worker)
        loaded = 0
        for size in sorted(sizes):
            step = load_items(ctx, server, size - loaded, ids_file)
            loaded = size
            log(f"scale: {size:,} items loaded ({step.items_per_s:,.0f} items/s)")
            latencies = {key: _latency(ctx, server, key, ids_file) for key in QUERIES}
            rows.append(ScaleRow(size, servers.rss_mb(worker), latencies, step.items_per_s))
            log(f"scale: {size:,} items, worker RSS {rows[-1].rss_mb:,.1f} MB")
    return empty_rss, rows


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
        for row in rows
        for key, result in row.latencies.items()
    ]
    latency_table = table(["work items", "query", "req/s", "p50", "p99", "max"], latency_rows)
    return f"{memory_table}\n\n{latency_table}"
