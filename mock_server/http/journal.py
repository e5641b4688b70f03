"""The request journal: every API request, its outcome and the work item it touched."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from flask import Flask, Request, Response, request

from mock_server.core.clock import Clock, wall_seconds
from mock_server.http.holds import held_seconds
from mock_server.http.responses import JsonResponse

MAX_ENTRIES = 10_000
UNJOURNALLED = ("/_mock", "/openapi.")
# The journal runs on every request (it was ~30 of ~140 µs of CPU per GET; see
# benchmarks/findings.md), so per-request values live in the WSGI environ (a dict lookup, not
# a context-local one per access) and each request leaves a plain tuple behind.
STARTED = "workitems_mock.journal_started"
NOTE = "workitems_mock.journal_note"  # set by whatever answered in the view's place (a fault)


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


# What a request leaves behind, as cheap to take as possible; it becomes an Entry when read.
# (method, path, query, status, seconds, Authorization header, endpoint, work item, code, reason)
Raw = tuple[str, str, bytes, int, float, str | None, str | None, str | None, str | None, str | None]


def mask(secret: str | None) -> str | None:
    """Enough of a key to tell keys apart in a log, never enough to use it."""
    if not secret:
        return None
    return secret[:4] + "…" if len(secret) > 8 else "…"


def bearer(authorization: str | None) -> str | None:
    scheme, _, secret = (authorization or "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else None


def _entry(entry_id: int, at: datetime, raw: Raw) -> Entry:
    method, path, query, status, seconds, authorization, endpoint, item, code, reason = raw
    operation = endpoint.rsplit(".", 1)[-1].removesuffix("_slash") if endpoint else None
    return Entry(
        entry_id=entry_id,
        at=at,
        method=method,
        path=path,
        query=query.decode("latin-1"),
        status=status,
        latency_ms=round(seconds * 1000, 3),
        key=mask(bearer(authorization)),
        operation=operation,
        work_item_id=item,
        error_code=code,
        reason=reason,
    )


class Journal:
    """A bounded, thread-safe log of requests, newest last; ids count on across clears."""

    def __init__(self, limit: int = MAX_ENTRIES) -> None:
        self._records: deque[tuple[datetime, Raw]] = deque(maxlen=limit)
        self._lock = threading.Lock()
        self._recorded = 0

    def record(self, now: Callable[[], datetime], raw: Raw) -> None:
        with self._lock:  # read the clock inside, so ids and instants rise together
            self._records.append((now(), raw))
            self._recorded += 1

    def entries(self) -> list[Entry]:
        with self._lock:
            records, last = list(self._records), self._recorded
        first = last - len(records) + 1  # the deque holds the newest ids, consecutively
        return [_entry(first + i, at, raw) for i, (at, raw) in enumerate(records)]

    def clear(self) -> None:
        with self._lock:
            self._records.clear()


def _document(response: Response) -> object:
    """The JSON document answered: as built when we built it, else parsed back (None if the
    answer is not JSON)."""
    if isinstance(response, JsonResponse):
        return response.document
    return response.get_json(silent=True) if response.is_json else None


def _work_item_of(req: Request, response: Response, status: int) -> str | None:
    view_args = req.view_args
    if view_args and "work_item_id" in view_args:
        return str(view_args["work_item_id"])
    if req.method == "POST" and status == 200:
        body = _document(response)
        found = body.get("work_item_id") if isinstance(body, dict) else None
        return found if isinstance(found, str) else None
    return None


def _error_of(response: Response, status: int) -> tuple[str | None, str | None]:
    if status < 400:
        return None, None
    body = _document(response)
    error = (body.get("error") if isinstance(body, dict) else None) or {}
    return error.get("code"), error.get("message")


def install(app: Flask, journal: Journal, clock: Clock, skip: Iterable[str] = UNJOURNALLED) -> None:
    """Record every request whose path does not start with one of `skip`."""
    skipped = tuple(skip)

    @app.before_request
    def _start() -> None:
        request.environ[STARTED] = wall_seconds()

    @app.after_request
    def _record(response: Response) -> Response:
        req: Request = request._get_current_object()  # type: ignore[attr-defined]
        environ = req.environ
        started = environ.get(STARTED)
        path = req.path
        if started is None or path.startswith(skipped):
            return response
        status = response.status_code
        code, reason = _error_of(response, status)
        raw: Raw = (
            req.method,
            path,
            req.query_string,
            status,
            wall_seconds() - started + held_seconds(environ),
            environ.get("HTTP_AUTHORIZATION"),  # what request.headers reads, without the wrapper
            req.endpoint,
            _work_item_of(req, response, status),
            code,
            environ.get(NOTE) or reason,
        )
        journal.record(clock.now, raw)
        return response
