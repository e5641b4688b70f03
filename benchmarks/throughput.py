"""Throughput and latency of four operations on the emulator, Prism and the hello-world ceiling."""

from __future__ import annotations

import statistics
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks import servers
from benchmarks.loading import api_env, fake_ids, load_items
from benchmarks.model import Context, WrkResult
from benchmarks.servers import Server
from benchmarks.wrk import Load, run_wrk

CONNECTIONS = (1, 8, 32)
EMULATOR, PRISM, PRISM_QUIET, HELLO = "emulator", "prism", "prism-quiet", "hello"
POOL_SIZE = 1_000  # items GET and list read from
ACTION_POOL_SIZE = 2_000  # fresh PENDING items per lifecycle run: far more than 32 in flight
LIST_QUERY = "?limit=20"
WARM_UP_CONNECTIONS, WARM_UP_SECONDS = 8, 1


@dataclass(frozen=True)
class Endpoint:
    key: str
    title: str
    targets: tuple[str, ...]


ENDPOINTS = (
    Endpoint("get", "GET work item", (EMULATOR, PRISM, PRISM_QUIET, HELLO)),
    Endpoint("create", "create work item", (EMULATOR, PRISM, PRISM_QUIET)),
    Endpoint("list", f"list page ({LIST_QUERY})", (EMULATOR, PRISM, PRISM_QUIET)),
    Endpoint(
        "action", "lifecycle action (cancel/continue alternating)", (EMULATOR, PRISM, PRISM_QUIET)
    ),
)


@dataclass(frozen=True)
class Sample:
    round: int
    endpoint: str
    target: str
    connections: int
    result: WrkResult


@dataclass(frozen=True)
class Stat:
    """One (endpoint, target, connections) over all rounds."""

    # Medians over the rounds: one round hit by a noisy neighbour does not decide the result.
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    cpu_us_per_request: float
    failed_share: float
    bytes_per_response: float


Key = tuple[str, str, int]


def summarize(samples: Sequence[Sample]) -> dict[Key, Stat]:
    grouped: dict[Key, list[WrkResult]] = {}
    for sample in samples:
        grouped.setdefault((sample.endpoint, sample.target, sample.connections), []).append(
            sample.result
        )
    return {
        key: Stat(
            requests_per_s=statistics.median(r.requests_per_s for r in results),
            p50_ms=statistics.median(r.p50_ms for r in results),
            p99_ms=statistics.median(r.p99_ms for r in results),
            cpu_us_per_request=statistics.median(r.cpu_us_per_request for r in results),
            failed_share=statistics.mean(r.failed_share for r in results),
            bytes_per_response=statistics.mean(r.bytes_per_response for r in results),
        )
        for key, results in grouped.items()
    }


def log(message: str) -> None:
    sys.stderr.write(f"[bench] {message}\n")


def measure(ctx: Context) -> list[Sample]:
    """Every round runs every endpoint, connection count and target back to back."""
    with ExitStack() as stack:
        running = {
            EMULATOR: stack.enter_context(servers.emulator(ctx)),
            PRISM: stack.enter_context(servers.prism(ctx, quiet=False)),
            PRISM_QUIET: stack.enter_context(servers.prism(ctx, quiet=True)),
            HELLO: stack.enter_context(servers.hello(ctx)),
        }
        pools = _pools(ctx, running)
        for endpoint, _, target in _plan(connections=(WARM_UP_CONNECTIONS,)):
            # Unrecorded: node's JIT and Python's caches warm up before anything counts.
            _run(
                ctx,
                _load(ctx, endpoint, running[target], pools[target]),
                running[target],
                WARM_UP_CONNECTIONS,
                WARM_UP_SECONDS,
            )
        samples = []
        for number in range(1, ctx.rounds + 1):
            for endpoint, connections, target in _plan():
                load = _load(ctx, endpoint, running[target], pools[target])
                result = _run(ctx, load, running[target], connections, ctx.duration_s)
                log(
                    f"round {number} {endpoint.key:<6} c={connections:<2} {target:<11} "
                    f"{result.requests_per_s:>8,.0f} req/s  p99 {result.p99_ms:.1f} ms  "
                    f"{result.cpu_us_per_request:.0f} us CPU/req"
                )
                samples.append(Sample(number, endpoint.key, target, connections, result))
        return samples


def _run(ctx: Context, load: Load, server: Server, connections: int, seconds: int) -> WrkResult:
    """One wrk run, with the CPU time the serving process spent on it."""
    try:
        pid = server.serving_pid()
        before = servers.cpu_seconds(pid)
        result = run_wrk(ctx.wrk, load, connections=connections, duration_s=seconds)
        return replace(result, server_cpu_s=servers.cpu_seconds(pid) - before)
    except (FileNotFoundError, ProcessLookupError) as error:
        raise server.gone() from error


def _plan(connections: Sequence[int] = CONNECTIONS) -> Iterator[tuple[Endpoint, int, str]]:
    for endpoint in ENDPOINTS:
        for count in connections:
            for target in endpoint.targets:
                yield endpoint, count, target


def _pools(ctx: Context, running: Mapping[str, Server]) -> dict[str, Path]:
    pools = {}
    for name, server in running.items():
        path = ctx.work_dir / f"pool-{name}.ids"
        path.unlink(missing_ok=True)
        if name == EMULATOR:
            load_items(ctx, server, POOL_SIZE, path)
        else:
            fake_ids(path, POOL_SIZE)
        pools[name] = path
    return pools


def _load(ctx: Context, endpoint: Endpoint, server: Server, pool: Path) -> Load:
    if endpoint.key == "get":
        return Load("get.lua", server.base_url, api_env(server, BENCH_IDS_FILE=str(pool)))
    if endpoint.key == "create":
        return Load("create.lua", server.base_url, api_env(server))
    if endpoint.key == "list":
        return Load("static.lua", server.api_url + "/work-items" + LIST_QUERY, api_env(server))
    return Load(
        "action.lua",
        server.base_url,
        api_env(server, BENCH_IDS_FILE=str(_action_pool(ctx, server))),
    )


def _action_pool(ctx: Context, server: Server) -> Path:
    """Fresh PENDING items on the emulator, so the first pass of cancels is legal on each."""
    path = ctx.work_dir / f"action-{server.name}.ids"
    path.unlink(missing_ok=True)
    if server.name == EMULATOR:
        load_items(ctx, server, ACTION_POOL_SIZE, path)
        return path
    return fake_ids(path, ACTION_POOL_SIZE)
