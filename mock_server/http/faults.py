"""Fault injection: rules that make matching requests fail, slow down or lose their connection."""

from __future__ import annotations

import random
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from flask import Flask, Response, request

from mock_server.core.errors import NotFound
from mock_server.http.errors import CODE_BY_STATUS, envelope
from mock_server.http.holds import hold
from mock_server.http.journal import NOTE as JOURNAL_NOTE
from mock_server.http.responses import json_response
from mock_server.http.templates import path_matcher


@dataclass
class FaultRule:
    """Matches by method, path template or operationId, resource status and call number."""

    fault_id: str
    method: str | None = None
    path: str | None = None
    operation: str | None = None
    work_item_status: str | None = None
    on_call: int | None = None  # only the Nth matching call
    status: int | None = None
    message: str | None = None
    retry_after: int | None = None
    latency_ms: float = 0.0
    drop: bool = False
    probability: float = 1.0
    seed: int | None = None
    times: int | None = None  # None: until removed
    matched: int = 0
    fired: int = 0
    _random: random.Random = field(init=False, repr=False)
    _path_matches: Callable[[str], bool] | None = field(init=False, repr=False, default=None)

    def prepare(self, optional_prefix: str) -> None:
        self._random = random.Random(self.seed)
        if self.path:
            self._path_matches = path_matcher(self.path, optional_prefix)

    def matches(self, method: str, path: str, operation: str | None, status: str | None) -> bool:
        return (
            (self.method is None or self.method.upper() == method)
            and (self._path_matches is None or self._path_matches(path))
            and (self.operation is None or self.operation == operation)
            and (self.work_item_status is None or self.work_item_status == status)
        )

    def fires(self) -> bool:
        """Count a match and decide, repeatably under a seed, whether it fires this time."""
        self.matched += 1
        if self.on_call is not None and self.matched != self.on_call:
            return False
        if self.times is not None and self.fired >= self.times:
            return False
        if self.probability < 1.0 and self._random.random() >= self.probability:
            return False
        self.fired += 1
        return True


class FaultBook:
    """The rules in force, checked in the order they were added; the first that fires wins."""

    def __init__(self, optional_prefix: str) -> None:
        self._rules: dict[str, FaultRule] = {}
        self._lock = threading.Lock()
        self._prefix = optional_prefix

    def add(self, rule: FaultRule) -> FaultRule:
        rule.prepare(self._prefix)
        with self._lock:
            self._rules[rule.fault_id] = rule
        return rule

    def rules(self) -> list[FaultRule]:
        with self._lock:
            return list(self._rules.values())

    def remove(self, fault_id: str) -> None:
        with self._lock:
            if self._rules.pop(fault_id, None) is None:
                raise NotFound(f"Fault {fault_id} not found.", field="fault_id")

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def __bool__(self) -> bool:
        """Whether any rule is in force: checked on every request, so read without the lock
        (a dict's length is read atomically; a rule added meanwhile counts from the next call)."""
        return bool(self._rules)

    def firing(
        self, method: str, path: str, operation: str | None, status: str | None
    ) -> FaultRule | None:
        with self._lock:
            for rule in self._rules.values():
                if rule.matches(method, path, operation, status) and rule.fires():
                    return rule
        return None


def install(
    app: Flask,
    book: FaultBook,
    status_of: Callable[[str], str | None],
    new_error_id: Callable[[], str],
    skip: tuple[str, ...] = ("/_mock",),
) -> None:
    """Check every request outside `skip` against the fault book before its view runs."""

    @app.before_request
    def _inject() -> Response | None:
        if not book or request.path.startswith(skip):
            return None
        item_id = (request.view_args or {}).get("work_item_id")
        operation = (
            request.endpoint.rsplit(".", 1)[-1].removesuffix("_slash") if request.endpoint else None
        )
        rule = book.firing(
            request.method, request.path, operation, status_of(item_id) if item_id else None
        )
        if rule is None:
            return None
        request.environ[JOURNAL_NOTE] = f"fault {rule.fault_id} fired"
        if rule.latency_ms:
            hold(rule.latency_ms / 1000)  # the answer leaves late; no request thread waits
        if rule.drop:
            return dropped_connection()
        if rule.status is not None:
            return fault_response(rule, new_error_id())
        return None  # latency only: the request carries on


def fault_response(rule: FaultRule, error_id: str) -> Response:
    status = rule.status or 500
    message = rule.message or f"Injected fault {rule.fault_id}: answering {status}."
    headers = {"Retry-After": str(rule.retry_after)} if rule.retry_after is not None else {}
    code = CODE_BY_STATUS.get(status, "internal_error" if status >= 500 else "bad_request")
    return json_response(status, envelope(code, message, error_id), headers)


def dropped_connection() -> Response:
    """A response whose connection dies before any byte of the body is sent."""
    sock = request.environ.get("werkzeug.socket")

    def body() -> Iterator[bytes]:
        if sock is not None:  # werkzeug's server would otherwise answer a tidy 500
            sock.shutdown(socket.SHUT_RDWR)
        raise ConnectionAbortedError("fault: connection dropped")
        yield b""  # pragma: no cover - makes this a generator

    return Response(
        body(), status=200, headers={"Content-Length": "64"}, mimetype="application/json"
    )
