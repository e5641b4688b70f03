"""Fault injection: rules that make matching requests fail, slow down or lose their connection."""

from __future__ import annotations

import random
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from flask import Flask, Response, request

from mock_server.core.errors import NotFound
from mock_server.hosting.errors import ErrorStyle, Failure, kind_of_status
from mock_server.http.errors import error_response
from mock_server.http.holds import hold
from mock_server.http.journal import NOTE as JOURNAL_NOTE
from mock_server.http.templates import path_matcher

# Whose request it is and the status of the resource it names: (api, status), either None.
Situation = Callable[[], tuple[str | None, str | None]]


@dataclass
class FaultRule:
    """Matches by API, method, path template or operationId, resource status and call number."""

    fault_id: str
    api: str | None = None
    method: str | None = None
    path: str | None = None
    operation: str | None = None
    resource_status: str | None = None  # the status of the work item, task... in the path
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

    def matches(
        self, api: str | None, method: str, path: str, operation: str | None, status: str | None
    ) -> bool:
        return (
            (self.api is None or self.api == api)
            and (self.method is None or self.method.upper() == method)
            and (self._path_matches is None or self._path_matches(path))
            and (self.operation is None or self.operation == operation)
            and (self.resource_status is None or self.resource_status == status)
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
        self.prefix = optional_prefix  # the mount prefixes path templates may leave out

    def add(self, rule: FaultRule) -> FaultRule:
        rule.prepare(self.prefix)
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
        self, api: str | None, method: str, path: str, operation: str | None, situation: Situation
    ) -> FaultRule | None:
        status: str | None = None
        looked = False
        with self._lock:
            for rule in self._rules.values():
                if rule.resource_status is not None and not looked:
                    _, status = situation()  # only a rule that asks pays for the lookup
                    looked = True
                if rule.matches(api, method, path, operation, status) and rule.fires():
                    return rule
        return None


def install(
    app: Flask,
    book: FaultBook,
    api_of: Callable[[], str | None],
    situation: Situation,
    style_for: Callable[[], ErrorStyle],
    new_error_id: Callable[[], str],
    skip: tuple[str, ...] = ("/_mock",),
) -> None:
    """Check every request outside `skip` against the fault book before its view runs."""

    @app.before_request
    def _inject() -> Response | None:
        if not book or request.path.startswith(skip):
            return None
        operation = (
            request.endpoint.rsplit(".", 1)[-1].removesuffix("_slash") if request.endpoint else None
        )
        rule = book.firing(api_of(), request.method, request.path, operation, situation)
        if rule is None:
            return None
        request.environ[JOURNAL_NOTE] = f"fault {rule.fault_id} fired"
        if rule.latency_ms:
            hold(rule.latency_ms / 1000)  # the answer leaves late; no request thread waits
        if rule.drop:
            return dropped_connection()
        if rule.status is not None:
            return fault_response(rule, style_for(), new_error_id())
        return None  # latency only: the request carries on


def fault_response(rule: FaultRule, style: ErrorStyle, error_id: str) -> Response:
    status = rule.status or 500
    message = rule.message or f"Injected fault {rule.fault_id}: answering {status}."
    headers = {"Retry-After": str(rule.retry_after)} if rule.retry_after is not None else {}
    failure = Failure(
        status, kind_of_status(status), message, error_id, "fault", f"fault {rule.fault_id}"
    )
    return error_response(style, failure, headers)


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
