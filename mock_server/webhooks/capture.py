"""Captured webhook requests: the record, its signature verdict and how an inbox answers."""

from __future__ import annotations

import base64
import json
import threading
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from mock_server.core.clock import MAX_WALL_PAUSE, isoformat_z
from mock_server.webhooks.signing import SEMA4, SignatureScheme, Verdict

MAX_CAPTURES = 1000  # per inbox; the oldest go first, ids keep counting
MAX_STORED_BODY = 1024 * 1024  # bytes kept per capture; the verdict sees the whole body
MAX_DELAY_SECONDS = MAX_WALL_PAUSE


@dataclass(frozen=True)
class Incoming:
    """One HTTP request as it arrived, independent of any web framework."""

    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    body: bytes

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), None)


@dataclass(frozen=True)
class SignatureCheck:
    verdict: Verdict
    received: str | None
    expected: str | None
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict.value,
            "received": self.received,
            "expected": self.expected,
            "reason": self.reason,
        }


def check_signature(
    secret: str, request: Incoming, scheme: SignatureScheme = SEMA4
) -> SignatureCheck:
    """The verdict with a reason a developer can act on (and the signature we expected)."""
    received = request.header(scheme.header)
    verdict = scheme.verify(secret, request.body, received)
    if verdict is Verdict.MISSING:
        return SignatureCheck(verdict, received, None, f"no {scheme.header} header")
    if verdict is Verdict.VALID:
        return SignatureCheck(verdict, received, None, "matches the body")
    try:
        expected = scheme.sign(secret, request.body)
    except ValueError:
        return SignatureCheck(verdict, received, None, "the body is not JSON")
    reason = "does not match the body re-serialised with sorted keys and compact separators"
    return SignatureCheck(verdict, received, expected, reason)


@dataclass(frozen=True)
class Capture:
    id: int
    inbox: str
    received_at: datetime
    request: Incoming  # body cut to MAX_STORED_BODY
    body_size: int
    signature: SignatureCheck | None  # None: no secret to check against
    answer: int
    delay_seconds: float = 0.0
    note: str | None = None

    @property
    def truncated(self) -> bool:
        return self.body_size > len(self.request.body)

    def document(self) -> Any:
        """The body as JSON, or None when it is not (or was cut)."""
        if self.truncated:
            return None
        try:
            return json.loads(self.request.body)
        except ValueError:
            return None

    def field(self, name: str) -> str | None:
        """A top-level string field of a JSON object body (`work_item_id`, `status`)."""
        document = self.document()
        value = document.get(name) if isinstance(document, dict) else None
        return value if isinstance(value, str) else None

    def answer_json(self) -> dict[str, Any]:
        """What the inbox answers the sender."""
        body: dict[str, Any] = {"inbox": self.inbox, "capture_id": self.id}
        if self.note:
            body["note"] = self.note
        return body

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "inbox": self.inbox,
            "received_at": isoformat_z(self.received_at),
            "method": self.request.method,
            "path": self.request.path,
            "query": self.request.query,
            "headers": dict(self.request.headers),
            **_body_json(self.request.body),
            "body_size": self.body_size,
            "body_truncated": self.truncated,
            "json": self.document(),
            "signature": self.signature.to_json() if self.signature else None,
            "answer": {
                "status": self.answer,
                "delay_seconds": self.delay_seconds,
                "note": self.note,
            },
        }


def _body_json(body: bytes) -> dict[str, str | None]:
    """Text when the body is UTF-8, base64 otherwise, so saved captures replay byte for byte."""
    try:
        return {"body": body.decode("utf-8"), "body_base64": None}
    except UnicodeDecodeError:
        return {"body": None, "body_base64": base64.b64encode(body).decode("ascii")}


def request_from_json(document: Mapping[str, Any]) -> Incoming:
    """The request inside a saved capture; ValueError if it cannot be replayed faithfully."""
    if document.get("body_truncated"):
        raise ValueError("its body was cut when captured, so it cannot be replayed exactly")
    if document.get("body_base64") is not None:
        body = base64.b64decode(document["body_base64"], validate=True)
    else:
        body = str(document.get("body") or "").encode("utf-8")
    headers = document.get("headers")
    if not isinstance(headers, dict) or not isinstance(document.get("method"), str):
        raise ValueError("it has no method or headers")
    return Incoming(
        document["method"],
        str(document.get("path", "/")),
        str(document.get("query", "")),
        {str(k): str(v) for k, v in headers.items()},
        body,
    )


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
    _log: deque[Capture] = field(init=False)
    _seen: int = field(default=0, init=False)  # requests answered since configured or cleared
    _next_id: int = field(default=1, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    def __post_init__(self) -> None:
        self._log = deque(maxlen=self.limit)

    def configure(self, config: InboxConfig) -> None:
        """Replace the answer script; the fail-first count starts over."""
        with self._lock:
            self.config = config
            self._seen = 0

    def receive(self, request: Incoming, now: datetime) -> Capture:
        """Record one request and decide its answer; the caller applies the delay."""
        config = self.config
        signature = check_signature(config.secret, request) if config.secret else None
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
        return capture

    def _answer_locked(self, config: InboxConfig) -> tuple[int, str | None]:
        if self._seen <= config.fail_first:
            return config.fail_status, f"simulated failure {self._seen} of {config.fail_first}"
        return config.status, None

    def captures(self, since: int = 0) -> list[Capture]:
        """Oldest first; only ids above `since`, so a poller can ask for what is new."""
        with self._lock:
            return [c for c in self._log if c.id > since]

    def clear(self) -> int:
        """Forget the captures and start the fail-first count over; the config stays."""
        with self._lock:
            cleared = len(self._log)
            self._log.clear()
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
