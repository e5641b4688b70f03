"""DocLD's domain and engine on a manual clock, with a recording webhook transport."""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from mock_server.apis.docld.domain.service import DocldDomain
from mock_server.apis.docld.engine.engine import DocldEngine
from mock_server.core.clock import Clock
from mock_server.core.ids import IdFactory
from mock_server.core.scheduler import Scheduler
from mock_server.webhooks.dispatcher import Dispatcher, RetryPolicy
from mock_server.webhooks.egress import EgressPolicy
from mock_server.webhooks.inboxes import InboxRegistry
from mock_server.webhooks.transport import TransportResult
from tests.apis.docld.support import domain, fixtures, manual_clock


@dataclass(frozen=True)
class Sent:
    url: str
    body: bytes
    headers: Mapping[str, str]

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class RecordingTransport:
    """Answers each POST with the next scripted status (then 200), and keeps it."""

    statuses: list[int] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def post(
        self,
        url: str,
        body: bytes,
        headers: Mapping[str, str],
        timeout: float,
        address: str | None = None,
    ):
        with self._lock:
            self.sent.append(Sent(url, body, dict(headers)))
            status = self.statuses.pop(0) if self.statuses else 200
        return TransportResult(status, "")


def _resolve(host: str) -> list[str]:
    """Every host is loopback but `far.example`, which the egress policy then refuses."""
    return ["203.0.113.9"] if host == "far.example" else ["127.0.0.1"]


class Harness:
    def __init__(self, clock: Clock | None = None) -> None:
        self.clock = clock or manual_clock()
        self.scheduler = Scheduler(self.clock)
        self.transport = RecordingTransport()
        self.inboxes = InboxRegistry()
        self.dispatcher = Dispatcher(
            clock=self.clock,
            ids=IdFactory(11),
            scheduler=self.scheduler,
            transport=self.transport,
            egress=EgressPolicy(resolve=_resolve),
            policy=RetryPolicy(retries=3, backoff_seconds=1.0, timeout_seconds=5.0),
        )
        self.domain: DocldDomain = domain(self.clock)
        found = fixtures()
        self.engine = DocldEngine(
            self.domain,
            scheduler=self.scheduler,
            dispatcher=self.dispatcher,
            inboxes=self.inboxes,
            scenarios=found.scenarios,
            kinds=found.kinds,
        )

    def advance(self, seconds: float) -> None:
        self.scheduler.advance(seconds)

    def advance_by(self, delta: timedelta) -> None:
        self.scheduler.advance(delta.total_seconds())

    def sent_events(self, url: str | None = None) -> list[str]:
        return [s.json["event"] for s in self.transport.sent if url in (None, s.url)]

    def close(self) -> None:
        self.dispatcher.close()
