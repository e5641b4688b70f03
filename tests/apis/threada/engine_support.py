"""Threada's domain and engine on a manual clock, with a scripted webhook receiver."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from mock_server.apis.threada.domain.service import ThreadaService
from mock_server.apis.threada.engine.decisioning import DecisionEngine
from mock_server.apis.threada.engine.runner import ExecutionRunner
from mock_server.core.clock import Clock
from mock_server.core.ids import IdFactory
from mock_server.core.scheduler import Scheduler
from mock_server.webhooks.dispatcher import Dispatcher, RetryPolicy
from mock_server.webhooks.egress import EgressPolicy
from mock_server.webhooks.transport import TransportResult
from tests.apis.threada.support import START, manual_clock, service

OPEN_DISPATCHERS: list[Dispatcher] = []  # closed after each test (conftest.py)


@dataclass
class Receiver:
    """Answers each POST with the next of `statuses` (the last repeats) and keeps it."""

    statuses: list[int] = field(default_factory=lambda: [200])
    posts: list[dict[str, Any]] = field(default_factory=list)

    def post(
        self,
        url: str,
        body: bytes,
        headers: Mapping[str, str],
        timeout: float,
        address: str | None = None,
    ) -> TransportResult:
        status = self.statuses[min(len(self.posts), len(self.statuses) - 1)]
        self.posts.append({"url": url, "body": json.loads(body), "headers": dict(headers)})
        return TransportResult(status, "")


@dataclass
class World:
    threada: ThreadaService
    clock: Clock
    scheduler: Scheduler
    dispatcher: Dispatcher
    decisioning: DecisionEngine
    runner: ExecutionRunner
    receiver: Receiver

    def advance(self, seconds: float) -> None:
        self.scheduler.advance(seconds)

    def at(self, seconds: float) -> Any:
        return START + timedelta(seconds=seconds)


def world(
    threada: ThreadaService | None = None,
    *,
    loopback: bool = True,
    statuses: list[int] | None = None,
) -> World:
    clock = threada.clock if threada is not None else manual_clock()
    threada = threada or service(clock)
    scheduler = Scheduler(clock)
    receiver = Receiver(statuses or [200])
    address = "127.0.0.1" if loopback else "203.0.113.9"
    dispatcher = Dispatcher(
        clock=clock,
        ids=IdFactory(3),
        scheduler=scheduler,
        transport=receiver,
        egress=EgressPolicy(resolve=lambda host: [address]),
        policy=RetryPolicy(retries=2, backoff_seconds=1.0, timeout_seconds=1.0),
    )
    OPEN_DISPATCHERS.append(dispatcher)
    decisioning = DecisionEngine(threada.items, scheduler, threada.scenarios)
    runner = ExecutionRunner(threada.executions, threada.catalog, scheduler, dispatcher)
    return World(threada, clock, scheduler, dispatcher, decisioning, runner, receiver)
