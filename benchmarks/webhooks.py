"""Webhook latency and burst throughput: served emulators delivering to a loopback receiver."""

from __future__ import annotations

import json
import sys
import time
from dataclasses import replace
from datetime import datetime

from benchmarks import servers
from benchmarks.calls import Connection
from benchmarks.loading import AGENTS
from benchmarks.model import BenchError, Context, WrkResult
from benchmarks.servers import Server
from benchmarks.webhook_stats import Burst, LatencySeries
from benchmarks.wrk import Load, run_wrk

LATENCY_ITEMS = 200  # per series
GAP_S = 0.02  # between creates: each delivery is long done before the next status change
BURST_ITEMS = 1_000
SECRET = "bench-secret"  # signed deliveries: the emulator's fuller path
ARRIVAL_TIMEOUT_S = 120.0  # bounds a run whose deliveries never come
# (status the callback is for, scenario, what the series measures)
SERIES = (
    ("PENDING", "idle", "create → PENDING callback (`idle` scenario)"),
    ("COMPLETED", "instant", "agent completes → COMPLETED callback (`instant` scenario)"),
)
# (how the table names the release, how the targets table names it)
ADVANCE = ('`POST /_mock/clock/advance {"seconds": 1}` (manual clock)', "advance")
TO_REAL = ('`POST /_mock/clock/set {"mode": "real"}` (background scheduler)', "to real time")


def log(message: str) -> None:
    sys.stderr.write(f"[bench] {message}\n")


def measure(ctx: Context) -> tuple[list[LatencySeries], list[Burst], WrkResult]:
    """Latency on a real-clock emulator, bursts on a manual-clock one, the receiver's ceiling."""
    with servers.receiver(ctx) as receiver:
        hook = Connection(receiver.base_url)
        ceiling = _receiver_ceiling(ctx, receiver)
        hook.call("DELETE", "/arrivals", expect=204)
        with servers.emulator(ctx, "emulator-webhooks") as server:
            api = Connection(server.base_url)
            latency = [
                _latency(api, hook, receiver, status, scenario, title)
                for status, scenario, title in SERIES
            ]
        with servers.emulator(ctx, "emulator-manual", ["--clock", "manual"]) as server:
            api = Connection(server.base_url, timeout=ARRIVAL_TIMEOUT_S)
            bursts = [
                _burst(api, hook, receiver, ADVANCE, "/_mock/clock/advance", {"seconds": 1}),
                _burst(api, hook, receiver, TO_REAL, "/_mock/clock/set", {"mode": "real"}),
            ]
        return latency, bursts, ceiling


def _receiver_ceiling(ctx: Context, receiver: Server) -> WrkResult:
    load = Load("hook.lua", receiver.base_url + "/hook")
    run_wrk(ctx.wrk, load, connections=8, duration_s=1)  # warm-up, unrecorded
    before = servers.cpu_seconds(receiver.worker_pid())
    result = run_wrk(ctx.wrk, load, connections=8, duration_s=ctx.duration_s)
    result = replace(result, server_cpu_s=servers.cpu_seconds(receiver.worker_pid()) - before)
    log(f"webhooks: receiver alone {result.requests_per_s:,.0f} req/s")
    return result


def _create(api: Connection, hook_url: str, status: str, scenario: str) -> None:
    callback = {"url": hook_url, "on_status": status, "signature_secret": SECRET}
    body = {"agent_id": AGENTS[0], "callbacks": [callback]}
    api.call("POST", "/api/v1/work-items", body, {"Prefer": f"scenario={scenario}"})


def _latency(
    api: Connection, hook: Connection, receiver: Server, status: str, scenario: str, title: str
) -> LatencySeries:
    """Status-change-to-receipt: arrival (receiver's wall clock) minus the body's `timestamp`,
    the item's `status_updated_at` on the emulator clock, which in real mode is wall time."""
    hook.call("DELETE", "/arrivals", expect=204)
    for _ in range(LATENCY_ITEMS):
        _create(api, receiver.base_url + "/hook", status, scenario)
        time.sleep(GAP_S)
    arrivals = _wait_for(hook, LATENCY_ITEMS)
    latencies = []
    for arrived, text in arrivals:
        body = json.loads(text)
        if body["status"] == status:
            latencies.append((arrived - _unix(body["timestamp"])) * 1000)
    series = LatencySeries(title, LATENCY_ITEMS, tuple(latencies))
    log(f"webhooks: {status} p50 {series.percentile(50):.2f} ms p99 {series.percentile(99):.2f}")
    return series


def _burst(
    api: Connection,
    hook: Connection,
    receiver: Server,
    title: tuple[str, str],
    path: str,
    body: object,
) -> Burst:
    """BURST_ITEMS items wait on a manual clock, each with a COMPLETED callback; one call
    releases them all; the receiver's arrival times give the delivery rate."""
    api.call("POST", "/_mock/reset")  # the clock keeps its time and its (manual) mode
    hook.call("DELETE", "/arrivals", expect=204)
    for _ in range(BURST_ITEMS):
        _create(api, receiver.base_url + "/hook", "COMPLETED", "instant")
    released = time.time()
    api.call("POST", path, body)
    returned = time.time() - released
    arrivals = [arrived - released for arrived, _ in _wait_for(hook, BURST_ITEMS)]
    delivered = _delivered(api)
    burst = Burst(*title, BURST_ITEMS, delivered, returned, tuple(sorted(arrivals)))
    log(f"webhooks: burst via {path}: {burst.per_second:,.0f} deliveries/s")
    return burst


def _delivered(api: Connection) -> int:
    """Deliveries the emulator logged as delivered; a moment after the last arrival, since
    the log is updated when the receiver's answer is back."""
    deadline = time.monotonic() + 5
    while True:
        found = len(api.call("GET", "/_mock/deliveries?outcome=delivered")["deliveries"])
        if found >= BURST_ITEMS or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def _wait_for(hook: Connection, count: int) -> list[tuple[float, str]]:
    """Every arrival once `count` came (polling only the count, which costs the receiver
    little); BenchError when they do not come in time."""
    deadline = time.monotonic() + ARRIVAL_TIMEOUT_S
    while (arrived := hook.call("GET", "/count")["count"]) < count:
        if time.monotonic() > deadline:
            raise BenchError(f"webhooks: {arrived} of {count} deliveries arrived in time")
        time.sleep(0.05)
    rows: list[tuple[float, str]] = [tuple(row) for row in hook.call("GET", "/arrivals")]
    return rows


def _unix(timestamp: str) -> float:
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp()
