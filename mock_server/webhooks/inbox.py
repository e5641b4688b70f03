"""A capture inbox: a bounded log of requests and the answer it is scripted to give."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from mock_server.core.clock import MAX_WALL_PAUSE, isoformat_z
from mock_server.webhooks.capture import MAX_STORED_BODY, Capture, Incoming, check_signature
from mock_server.webhooks.signing import SignatureScheme

MAX_CAPTURES = 1000  # per inbox; the oldest go first, ids keep counting
# Bytes of bodies kept per inbox, the oldest captures going first: 100 inboxes can then hold
# at most 200 MB however fast a sender posts, while a thousand ordinary webhooks fit.
MAX_STORED_BYTES = 2 * 1024 * 1024
MAX_DELAY_SECONDS = MAX_WALL_PAUSE


@dataclass(frozen=True)
class InboxConfig:
    secret: str | None = None
    status: int = 200
    delay_seconds: float = 0.0
    fail_first: int = 0
    fail_status: int = 500

    def to_json(self) -> dict[str, Any]:
        return {
            "secret": self.secret,
            "status": self.status,
            "delay_seconds": self.delay_seconds,
            "fail_first": self.fail_first,
            "fail_status": self.fail_status,
        }


@dataclass
class Inbox:
    """A named capture log with a scripted answer; safe to share between request threads."""

    name: str
    config: InboxConfig = field(default_factory=InboxConfig)
    limit: int = MAX_CAPTURES
    schemes: tuple[SignatureScheme, ...] = ()  # what signatures are checked against
    byte_limit: int = MAX_STORED_BYTES
    _log: deque[Capture] = field(init=False)
    _bytes: int = field(default=0, init=False)  # body bytes held by the captures in _log
    _seen: int = field(default=0, init=False)  # requests answered since configured or cleared
    _next_id: int = field(default=1, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    def __post_init__(self) -> None:
        self._log = deque()

    def configure(self, config: InboxConfig) -> None:
        """Replace the answer script; the fail-first count starts over."""
        with self._lock:
            self.config = config
            self._seen = 0

    def receive(self, request: Incoming, now: datetime) -> Capture:
        """Record one request and decide its answer; the caller applies the delay."""
        config = self.config
        signature = check_signature(config.secret, request, self.schemes) if config.secret else None
        stored = replace(request, body=request.body[:MAX_STORED_BODY])
        with self._lock:
            self._seen += 1
            answer, note = self._answer_locked(config)
            capture = Capture(
                id=self._next_id,
                inbox=self.name,
                received_at=now,
                request=stored,
                body_size=len(request.body),
                signature=signature,
                answer=answer,
                delay_seconds=config.delay_seconds,
                note=note,
            )
            self._next_id += 1
            self._log.append(capture)
            self._bytes += len(stored.body)
            while len(self._log) > self.limit or (self._bytes > self.byte_limit and self._log):
                self._bytes -= len(self._log.popleft().request.body)
        return capture

    def _answer_locked(self, config: InboxConfig) -> tuple[int, str | None]:
        if self._seen <= config.fail_first:
            return config.fail_status, f"simulated failure {self._seen} of {config.fail_first}"
        return config.status, None

    def counters(self) -> tuple[int, int, list[Capture]]:
        """(the next capture id, requests seen since configured, the captures): a snapshot."""
        with self._lock:
            return self._next_id, self._seen, list(self._log)

    def restore(self, captures: list[Capture], next_id: int, seen: int) -> None:
        with self._lock:
            self._log.clear()
            self._log.extend(captures)
            self._next_id, self._seen = next_id, seen

    def captures(self, since: int = 0) -> list[Capture]:
        """Oldest first; only ids above `since`, so a poller can ask for what is new."""
        with self._lock:
            return [c for c in self._log if c.id > since]

    def clear(self) -> int:
        """Forget the captures and start the fail-first count over; the config stays."""
        with self._lock:
            cleared = len(self._log)
            self._log.clear()
            self._bytes = 0
            self._seen = 0
            return cleared

    def describe(self) -> dict[str, Any]:
        with self._lock:
            last = self._log[-1].received_at if self._log else None
            return {
                "name": self.name,
                "config": self.config.to_json(),
                "count": len(self._log),
                "last_received_at": isoformat_z(last) if last else None,
            }
