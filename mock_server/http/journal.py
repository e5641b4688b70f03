"""The request journal: every API request, its outcome and the work item it touched."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from flask import Flask, Response, g, request

from mock_server.core.clock import Clock, stopwatch

MAX_ENTRIES = 10_000
UNJOURNALLED = ("/_mock", "/openapi.")


@dataclass(frozen=True)
class Entry:
    entry_id: int
    at: datetime
    method: str
    path: str
    query: str
    status: int
    latency_ms: float
    key: str | None  # masked
    operation: str | None
    work_item_id: str | None
    error_code: str | None
    reason: str | None  # why it was refused: no route, bad auth, validation, state


def mask(secret: str | None) -> str | None:
    """Enough of a key to tell keys apart in a log, never enough to use it."""
    if not secret:
        return None
    return secret[:4] + "…" if len(secret) > 8 else "…"


class Journal:
    """A bounded, thread-safe log of requests, newest last."""

    def __init__(self, limit: int = MAX_ENTRIES) -> None:
        self._entries: deque[Entry] = deque(maxlen=limit)
        self._lock = threading.Lock()
        self._next_id = 1

    def record(self, make: Callable[[int], Entry]) -> None:
        with self._lock:
            self._entries.append(make(self._next_id))
            self._next_id += 1

    def entries(self) -> list[Entry]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def _bearer() -> str | None:
    scheme, _, secret = (request.headers.get("Authorization") or "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else None


def _work_item_of(response: Response) -> str | None:
    if request.view_args and "work_item_id" in request.view_args:
        return str(request.view_args["work_item_id"])
    if request.method == "POST" and response.is_json and response.status_code == 200:
        body = response.get_json(silent=True)
        found = body.get("work_item_id") if isinstance(body, dict) else None
        return found if isinstance(found, str) else None
    return None


def _error_of(response: Response) -> tuple[str | None, str | None]:
    if response.status_code < 400 or not response.is_json:
        return None, None
    error = (response.get_json(silent=True) or {}).get("error") or {}
    return error.get("code"), error.get("message")


def install(app: Flask, journal: Journal, clock: Clock, skip: Iterable[str] = UNJOURNALLED) -> None:
    """Record every request whose path does not start with one of `skip`."""
    skipped = tuple(skip)

    @app.before_request
    def _start() -> None:
        g.journal_elapsed = stopwatch()

    @app.after_request
    def _record(response: Response) -> Response:
        if request.path.startswith(skipped) or "journal_elapsed" not in g:
            return response
        code, reason = _error_of(response)
        operation = request.endpoint.rsplit(".", 1)[-1] if request.endpoint else None
        journal.record(
            lambda entry_id: Entry(
                entry_id=entry_id,
                at=clock.now(),
                method=request.method,
                path=request.path,
                query=request.query_string.decode("latin-1"),
                status=response.status_code,
                latency_ms=round(g.journal_elapsed() * 1000, 3),
                key=mask(_bearer()),
                operation=operation.removesuffix("_slash") if operation else None,
                work_item_id=_work_item_of(response),
                error_code=code,
                reason=g.get("journal_note") or reason,
            )
        )
        return response
