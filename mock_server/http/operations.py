"""Routes and validates requests from the contract: one Flask view per spec operation."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Request, Response, request
from werkzeug.datastructures import FileStorage, Headers
from werkzeug.routing import BaseConverter, Map

from mock_server.core.errors import BadRequest, UnsupportedMediaType, ValidationFailed
from mock_server.core.openapi import Operation, Parameter
from mock_server.core.principal import Principal
from mock_server.core.schema import Violation, coerce_text, validate
from mock_server.http.responses import json_response

FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


@dataclass(frozen=True)
class Form:
    fields: Mapping[str, str]
    files: Mapping[str, FileStorage]


class HeaderView(Mapping[str, str]):
    """The request's headers, read in place rather than copied; names match in any case."""

    __slots__ = ("_headers",)

    def __init__(self, headers: Headers) -> None:
        self._headers = headers

    def __getitem__(self, name: str) -> str:
        value = self._headers.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._headers.keys())

    def __len__(self) -> int:
        return len(self._headers)


@dataclass(frozen=True)
class Call:
    """A request that passed auth and the contract's validation."""

    principal: Principal
    path: Mapping[str, str]
    query: Mapping[str, Any]
    body: Any = None  # parsed JSON, or a Form
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Reply:
    status: int
    body: object
    headers: Mapping[str, str] = field(default_factory=dict)


Handler = Callable[[Call], Reply]
Authenticate = Callable[[str | None, str | None, bool, str], Principal]


@dataclass(frozen=True)
class Limits:
    json_body_bytes: int
    form_body_bytes: int


def bind(
    blueprint: Blueprint,
    operations: Iterable[Operation],
    handlers: Mapping[str, Handler],
    *,
    authenticate: Callable[[], Authenticate],
    limits: Callable[[], Limits],
    slash_tolerant: Iterable[str] = (),
) -> None:
    """Add a route per operation; every operation needs a handler and every handler an operation."""
    operations = list(operations)
    missing = {op.operation_id for op in operations} ^ set(handlers)
    if missing:
        raise ValueError(f"operations and handlers differ: {sorted(missing)}")
    tolerant = set(slash_tolerant)
    blueprint.record_once(_register_converter)  # must run before the rules below are added
    paths = {operation.path for operation in operations}
    for operation in operations:
        view = _view(operation, handlers[operation.operation_id], authenticate, limits)
        rule = flask_rule(operation.path, paths)
        blueprint.add_url_rule(rule, operation.operation_id, view, methods=[operation.method])
        if operation.path in tolerant:
            blueprint.add_url_rule(
                rule + "/", operation.operation_id + "_slash", view, methods=[operation.method]
            )


class ExceptConverter(BaseConverter):
    """A path segment other than the given literals: `<except("upload-file"):work_item_id>`."""

    def __init__(self, url_map: Map, *reserved: str) -> None:
        super().__init__(url_map)
        alternatives = "|".join(re.escape(word) for word in reserved)
        self.regex = f"(?!(?:{alternatives})$)[^/]+"


def _register_converter(state: Any) -> None:
    state.app.url_map.converters.setdefault("except", ExceptConverter)


def flask_rule(path: str, paths: Iterable[str]) -> str:
    """The Flask rule for a spec path; a template never captures a concrete sibling's segment.

    OpenAPI matches concrete paths before templated ones, so `GET /work-items/upload-file`
    belongs to the concrete path (405, `Allow: POST`), not to `/work-items/{work_item_id}`.
    """
    parts = path.split("/")
    rule = []
    for position, part in enumerate(parts):
        if not part.startswith("{"):
            rule.append(part)
            continue
        reserved = sorted(_literals_at(parts, position, paths))
        name = part[1:-1]
        if reserved:
            arguments = ", ".join(json.dumps(word) for word in reserved)
            rule.append(f"<except({arguments}):{name}>")
        else:
            rule.append(f"<{name}>")
    return "/".join(rule)


def _literals_at(parts: list[str], position: int, paths: Iterable[str]) -> set[str]:
    """Literal segments other paths have where `parts` has a parameter, with the same prefix."""
    found = set()
    for other in paths:
        segments = other.split("/")
        if len(segments) == len(parts) and segments[:position] == parts[:position]:
            word = segments[position]
            if not word.startswith("{"):
                found.add(word)
    return found


def _view(
    operation: Operation,
    handler: Handler,
    authenticate: Callable[[], Authenticate],
    limits: Callable[[], Limits],
) -> Callable[..., Response]:
    write = operation.method not in ("GET", "HEAD")
    what = f"{operation.method} {operation.path}"

    def view(tenant_id: str | None = None, **path: str) -> Response:
        principal = authenticate()(request.headers.get("Authorization"), tenant_id, write, what)
        # No query string, nothing to parse: most calls carry none.
        raw_query = request.args.to_dict(flat=False) if request.query_string else {}
        query = parse_query(operation.query_parameters(), raw_query)
        body = parse_body(operation, request, limits()) if operation.body_schemas else None
        reply = handler(Call(principal, path, query, body, HeaderView(request.headers)))
        return json_response(reply.status, reply.body, reply.headers)

    view.__name__ = operation.operation_id
    return view


def parse_query(parameters: Iterable[Parameter], raw: Mapping[str, list[str]]) -> dict[str, Any]:
    """Typed query values (defaults filled in); unknown parameters are ignored."""
    values: dict[str, Any] = {}
    violations: list[Violation] = []
    for parameter in parameters:
        given = raw.get(parameter.name, [])
        where = f"query.{parameter.name}"
        if given:
            values[parameter.name], found = _typed(parameter.schema, given, where)
            violations += found
        elif parameter.required:
            violations.append(Violation(where, "is required"))
        else:
            values[parameter.name] = parameter.schema.get("default")
    _raise_if_any(violations)
    return values


def _typed(schema: Mapping[str, Any], given: list[str], where: str) -> tuple[Any, list[Violation]]:
    """One value, or every repetition for an array (`?s=A&s=B`), coerced and validated."""
    if schema.get("type") == "array":
        values = []
        for position, text in enumerate(given):
            value, issue = coerce_text(schema.get("items", {}), text)
            if issue:
                return given, [Violation(f"{where}[{position}]", issue)]
            values.append(value)
        return values, validate(schema, values, where)
    if len(given) > 1:
        return given, [Violation(where, "must be given at most once")]
    value, issue = coerce_text(schema, given[0])
    return value, [Violation(where, issue)] if issue else validate(schema, value, where)


def parse_body(operation: Operation, req: Request, limits: Limits) -> Any:
    """The body as JSON or a Form, checked against the operation's schema for its media type."""
    media_type = req.mimetype
    if not media_type and not req.content_length and not req.headers.get("Transfer-Encoding"):
        if operation.body_required:
            _raise_if_any([Violation("body", "is required")])
        return None
    if media_type not in operation.body_schemas:
        accepted = ", ".join(operation.body_schemas)
        raise UnsupportedMediaType(
            f"Content-Type {media_type or '(none)'} is not supported here; send {accepted}.",
            field="Content-Type",
            issue=f"expected one of: {accepted}",
        )
    schema = operation.body_schemas[media_type]
    if media_type in FORM_TYPES:
        return _parse_form(schema, req, limits.form_body_bytes)
    document = _parse_json(req, limits.json_body_bytes)
    _raise_if_any(validate(schema, document, "body"))
    return document


def _check_length(req: Request, limit: int) -> None:
    length = req.content_length  # werkzeug re-reads the headers on every access
    if length is not None and length > limit:
        raise BadRequest(
            f"Request body ({length / 1024:.2f} KB) exceeds the allowed limit "
            f"({limit / 1024:g} KB).",
            field="body",
            issue=f"request body is {length} bytes; the limit is {limit} bytes",
        )
    req.max_content_length = limit  # guards chunked bodies that announce no length


def _parse_json(req: Request, limit: int) -> Any:
    _check_length(req, limit)
    raw = req.get_data(cache=True)
    if not raw.strip():
        _raise_if_any([Violation("body", "is required")])
    try:
        # What json.loads does with bytes, minus building a decoder per call for the hook.
        return _DECODER.decode(raw.decode(json.detect_encoding(raw), "surrogatepass"))
    except (ValueError, UnicodeDecodeError) as error:
        raise BadRequest(
            f"Malformed JSON body: {error}.", field="body", issue="the body is not valid JSON"
        ) from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


def _parse_form(schema: Mapping[str, Any], req: Request, limit: int) -> Form:
    _check_length(req, limit)
    fields = {name: values[0] for name, values in req.form.to_dict(flat=False).items()}
    files = {name: req.files[name] for name in req.files}
    missing = [
        Violation(f"body.{name}", "is required")
        for name in schema.get("required", ())
        if name not in fields and name not in files
    ]
    _raise_if_any(missing)
    return Form(fields, files)


def _raise_if_any(violations: list[Violation]) -> None:
    if not violations:
        return
    first = violations[0]
    summary = "; ".join(f"{v.path}: {v.issue}" for v in violations[:5])
    raise ValidationFailed(
        f"Request validation failed: {summary}", field=first.path, issue=first.issue
    )
