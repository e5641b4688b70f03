"""One Flask view per contract operation: auth, then the parsed call, then the handler's reply."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Response, request

from mock_server.core.openapi import Operation
from mock_server.core.principal import Principal
from mock_server.http.parsing import HeaderView, Limits, parse_body, parse_query
from mock_server.http.responses import json_response
from mock_server.http.routing import flask_rule, register_converter

__all__ = ["Call", "Handler", "Limits", "Reply", "bind"]


@dataclass(frozen=True)
class Call:
    """A request that passed auth and the contract's validation."""

    principal: Principal
    path: Mapping[str, str]
    query: Mapping[str, Any]
    body: Any = None  # parsed JSON, or a Form
    headers: Mapping[str, str] = field(default_factory=dict)
    api: Any = None  # the runtime of the API answering (saves handlers a context lookup)


@dataclass(frozen=True)
class Reply:
    """What a handler answers: a JSON document, or bytes of `media_type` (a CSV export, a
    downloaded file)."""

    status: int
    body: object
    headers: Mapping[str, str] = field(default_factory=dict)
    media_type: str | None = None  # None: `body` is a JSON document


Handler = Callable[[Call], Reply]
# (operation, Authorization header, values of the mount prefix's converters) -> the caller
Authenticate = Callable[[Operation, str | None, Mapping[str, str]], Principal]
NO_MOUNT_ARGS: Mapping[str, str] = {}


def bind(
    blueprint: Blueprint,
    operations: Iterable[Operation],
    handlers: Mapping[str, Handler],
    *,
    authenticate: Authenticate,
    limits: Callable[[], Limits],
    slash_tolerant: Iterable[str] = (),
    api: Any = None,
) -> None:
    """Add a route per operation; every operation needs a handler and every handler an operation."""
    operations = list(operations)
    missing = {op.operation_id for op in operations} ^ set(handlers)
    if missing:
        raise ValueError(f"operations and handlers differ: {sorted(missing)}")
    tolerant = set(slash_tolerant)
    blueprint.record_once(register_converter)  # must run before the rules below are added
    paths = {operation.path for operation in operations}
    for operation in operations:
        view = _view(operation, handlers[operation.operation_id], authenticate, limits, api)
        rule = flask_rule(operation.path, paths)
        blueprint.add_url_rule(rule, operation.operation_id, view, methods=[operation.method])
        if operation.path in tolerant:  # also served with the trailing slash, or without it
            other = rule.removesuffix("/") if rule.endswith("/") else rule + "/"
            blueprint.add_url_rule(
                other, operation.operation_id + "_slash", view, methods=[operation.method]
            )


def _view(
    operation: Operation,
    handler: Handler,
    authenticate: Authenticate,
    limits: Callable[[], Limits],
    api: Any,
) -> Callable[..., Response]:
    own = frozenset(p.name for p in operation.parameters if p.location == "path")

    def view(**path: str) -> Response:
        mount_args = NO_MOUNT_ARGS
        if len(path) != len(own):  # the mount prefix captured something (a tenant, say)
            mount_args = {k: v for k, v in path.items() if k not in own}
            path = {k: v for k, v in path.items() if k in own}
        principal = authenticate(operation, request.environ.get("HTTP_AUTHORIZATION"), mount_args)
        # No query string, nothing to parse: most calls carry none.
        raw_query = request.args.to_dict(flat=False) if request.query_string else {}
        query = parse_query(operation.query_parameters(), raw_query)
        body = parse_body(operation, request, limits()) if operation.body_schemas else None
        reply = handler(Call(principal, path, query, body, HeaderView(request.headers), api))
        if reply.media_type is not None:
            raw = reply.body if isinstance(reply.body, bytes) else str(reply.body).encode()
            return Response(raw, reply.status, reply.headers, mimetype=reply.media_type)
        return json_response(reply.status, reply.body, reply.headers)

    view.__name__ = operation.operation_id
    return view
