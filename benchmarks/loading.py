"""Fills a server with work items through the API, as fast as wrk can create them."""

from __future__ import annotations

import json
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

from benchmarks.model import BenchError, Context
from benchmarks.servers import API_KEY, Server
from benchmarks.wrk import Load, run_wrk

# Several agents, so that a list filtered by agent selects a third of the items.
AGENTS = (
    "invoice_processing_agent",
    "document_review_agent",
    "0b7e5c2a-4f1d-4c47-9a53-6f1e2d3c4b5a",
)
# The simulated agent must not churn while we measure: every item runs the `idle` scenario.
PREFER_IDLE = "scenario=idle"
LOAD_CONNECTIONS = 32


@dataclass(frozen=True)
class Loaded:
    count: int
    seconds: float
    failed: int

    @property
    def items_per_s(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0


def api_env(server: Server, **extra: str) -> dict[str, str]:
    """The settings every Lua script reads: where the API lives, which agents, which scenario."""
    return {
        "BENCH_PREFIX": server.api_prefix,
        "BENCH_AGENTS": ",".join(AGENTS),
        "BENCH_PREFER": PREFER_IDLE,
        **extra,
    }


def load_items(ctx: Context, server: Server, count: int, ids_file: Path) -> Loaded:
    """Create exactly `count` items and append their ids to `ids_file`."""
    before = line_count(ids_file)
    done_file = ids_file.with_suffix(".done")
    done_file.unlink(missing_ok=True)
    env = api_env(
        server, BENCH_COUNT=str(count), BENCH_IDS_FILE=str(ids_file), BENCH_DONE_FILE=str(done_file)
    )
    started = time.monotonic()
    result = run_wrk(
        ctx.wrk,
        Load("load.lua", server.base_url, env),
        connections=LOAD_CONNECTIONS,
        duration_s=max(30, count // 500),  # bounds a run that goes wrong
        until=done_file,
    )
    if result.non_2xx:
        raise BenchError(f"{server.name}: {result.non_2xx} creates failed; see its log in .bench/")
    missing = count - (line_count(ids_file) - before)
    if missing > max(LOAD_CONNECTIONS, count // 100):
        raise BenchError(f"{server.name}: {missing} of {count} creates went unanswered")
    with ids_file.open("a") as out:
        for _ in range(missing):
            out.write(create_one(server) + "\n")
    return Loaded(count, time.monotonic() - started, result.non_2xx)


def create_one(server: Server, agent: str = AGENTS[0]) -> str:
    """One create through the API, the way the Lua scripts send it; returns the new id."""
    request = urllib.request.Request(
        server.api_url + "/work-items",
        data=json.dumps({"agent_id": agent}).encode(),
        headers={
            "Authorization": f"Bearer {API_KEY}",
            "Content-Type": "application/json",
            "Prefer": PREFER_IDLE,
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        work_item_id: str = json.load(response)["work_item_id"]
        return work_item_id


def fake_ids(ids_file: Path, count: int) -> Path:
    """Ids for servers that keep no state (Prism, hello): any id answers."""
    ids_file.write_text("".join(f"{uuid.uuid4()}\n" for _ in range(count)))
    return ids_file


def line_count(path: Path) -> int:
    if not path.exists():
        return 0
    with path.open("rb") as lines:
        return sum(1 for _ in lines)
