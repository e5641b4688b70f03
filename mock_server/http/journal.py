"""The request journal: every API request, its outcome and the resource it touched."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from flask import Flask, Request, Response, request

from mock_server.core.clock import Clock, wall_seconds
from mock_server.http.errors import ERROR_CODE, ERROR_MESSAGE
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
    api: str | None  # the API whose route answered (or whose paths these are)
    resource_id: str | None  # the work item, task, execution... the request touched
    error_code: str | None  # the API's own code for the error (its envelope's)
    reason: str | None  # why it was refused: no route, bad auth, validation, state


# What a request leaves behind, as cheap to take as possible; it becomes an Entry when read.
# (method, path, query, status, seconds, Authorization header, endpoint, api, resource, kind,
#  reason)
Raw = tuple[
    str, str, bytes, int, float, str | None, str | None, str | None, str | None, str | None,
    str | None,
]  # fmt: skip
# Who a request belongs to and what it touched: (api, resource id), from the request, the
# status answered and the JSON document answered (None when not JSON).
ResourceOf = Callable[[Request, int, object], tuple[str | None, str | None]]


def mask(secret: str | None) -> str | None:
    """Enough of a key to tell keys apart in a log, never enough to use it."""
    if not secret:
        return None
    return secret[:4] + "…" if len(secret) > 8 else "…"


def bearer(authorization: str | None) -> str | None:
    scheme, _, secret = (authorization or "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else None


def entry_of(entry_id: int, at: datetime, raw: Raw) -> Entry:
    method, path, query, status, seconds, authorization, endpoint, api, item, code, reason = raw
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
        api=api,
        resource_id=item,
        error_code=code,
        reason=reason,
    )


class Journal:
    """A bounded, thread-safe log of requests, newest last; ids count on across clears."""

    def __init__(self, limit: int = MAX_ENTRIES) -> None:
        self._records: deque[tuple[datetime, Raw]] = deque(maxlen=limit)
        self._lock = threading.Lock()
        self._recorded = 0
        self.tap: Callable[[datetime, Raw], None] | None = None  # `serve`'s console, if on

    def record(self, now: Callable[[], datetime], raw: Raw) -> None:
        with self._lock:  # read the clock inside, so ids and instants rise together
            at = now()
            self._records.append((at, raw))
            self._recorded += 1
        if self.tap is not None:
            self.tap(at, raw)

    @property
    def recorded(self) -> int:
        """How many requests were ever recorded (the newest entry's id): cheap to poll."""
        return self._recorded

    def entries(self) -> list[Entry]:
        with self._lock:
            records, last = list(self._records), self._recorded
        first = last - len(records) + 1  # the deque holds the newest ids, consecutively
        return [entry_of(first + i, at, raw) for i, (at, raw) in enumerate(records)]

    def clear(self) -> None:
        with self._lock:
            self._records.clear()

    def unlink(self, resource_id: str) -> int:
        """Entries that touched `resource_id` stop naming it (the resource is gone); they stay
        in the log as requests. Returns how many were unlinked."""
        with self._lock:
            kept: deque[tuple[datetime, Raw]] = deque(maxlen=self._records.maxlen)
            found = 0
            for at, raw in self._records:
                if raw[8] == resource_id:
                    raw = (*raw[:8], None, *raw[9:])
                    found += 1
                kept.append((at, raw))
            self._records = kept
            return found


def _document(response: Response) -> object:
    """The JSON document answered: as built when we built it, else parsed back (None if the
    answer is not JSON)."""
    if isinstance(response, JsonResponse):
        return response.document
    return response.get_json(silent=True) if response.is_json else None


def install(
    app: Flask,
    journal: Journal,
    clock: Clock,
    resource_of: ResourceOf,
    skip: Iterable[str] = UNJOURNALLED,
) -> None:
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
        api, resource = resource_of(req, status, _document(response))
        raw: Raw = (
            req.method,
            path,
            req.query_string,
            status,
            wall_seconds() - started + held_seconds(environ),
            environ.get("HTTP_AUTHORIZATION"),  # what request.headers reads, without the wrapper
            req.endpoint,
            api,
            resource,
            environ.get(ERROR_CODE),
            environ.get(NOTE) or environ.get(ERROR_MESSAGE),
        )
        journal.record(clock.now, raw)
        return response
