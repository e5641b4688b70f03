"""Reads a request's query and body, typed and checked against its operation in the contract."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from flask import Request
from werkzeug.datastructures import FileStorage, Headers

from mock_server.core.errors import (
    BadRequest,
    MalformedBody,
    UnsupportedMediaType,
    ValidationFailed,
)
from mock_server.core.jsontext import JsonRefused, strict_loads
from mock_server.core.openapi import Operation, Parameter
from mock_server.core.schema import Violation, coerce_text, validate

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
class Limits:
    json_body_bytes: int
    form_body_bytes: int


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


def _check_length(req: Request, limit: int, length: int | None = None) -> None:
    length = req.content_length if length is None else length  # re-read on every access
    if length is not None and length > limit:
        raise BadRequest(
            f"Request body ({length / 1024:.2f} KB) exceeds the allowed limit "
            f"({limit / 1024:g} KB).",
            field="body",
            issue=f"request body is {length} bytes; the limit is {limit} bytes",
        )
    # A chunked body announces no length: werkzeug stops reading at the maximum and keeps
    # quiet. One byte more than the limit tells a body that fits from one that was cut.
    req.max_content_length = limit + 1


def _parse_json(req: Request, limit: int) -> Any:
    _check_length(req, limit)
    raw = req.get_data(cache=True)
    _check_length(req, limit, len(raw))
    if not raw.strip():
        _raise_if_any([Violation("body", "is required")])
    try:
        return strict_loads(raw)
    except JsonRefused as error:
        raise MalformedBody(
            f"Malformed JSON body: {error}.", field="body", issue="the body is not valid JSON"
        ) from None


def _parse_form(schema: Mapping[str, Any], req: Request, limit: int) -> Form:
    _check_length(req, limit)
    fields = {name: values[0] for name, values in req.form.to_dict(flat=False).items()}
    files = {name: _as_sent(req.files[name]) for name in req.files}
    missing = [
        Violation(f"body.{name}", "is required")
        for name in schema.get("required", ())
        if name not in fields and name not in files
    ]
    _raise_if_any(missing + _form_field_violations(schema, fields))
    return Form(fields, files)


def _form_field_violations(schema: Mapping[str, Any], fields: Mapping[str, str]) -> list[Violation]:
    """The text fields checked against their property schemas; file parts carry bytes, which
    the contract describes only by media type, so they are left to the handler."""
    properties: Mapping[str, Any] = schema.get("properties", {})
    closed = schema.get("additionalProperties", True) is False
    violations: list[Violation] = []
    for name, value in fields.items():
        where = f"body.{name}"
        if name in properties:
            violations += validate(properties[name], value, where)
        elif closed:
            violations.append(Violation(where, "is not an allowed field"))
    return violations


_QUOTED_FILENAME = re.compile(r'filename="((?:[^"\\]|\\.)*)"')


def _as_sent(part: FileStorage) -> FileStorage:
    """The part with its file name as the client wrote it (DEVIATION: the platform's answer
    to such names is not documented).

    Werkzeug reads `filename="a\\b.txt"` as a quoted string, so each backslash escapes the
    next character and is dropped (`ab.txt`); a name sent as `C:\\dir\\x.txt` would then be
    stored as another name than the one sent. Kept as written, a name with a backslash meets
    the same file-name rules as everywhere else (a remote upload refuses it too).
    """
    disposition = part.headers.get("Content-Disposition") or ""
    found = _QUOTED_FILENAME.search(disposition)
    if found and "\\" in found.group(1):
        part.filename = found.group(1)
    return part


def _raise_if_any(violations: list[Violation]) -> None:
    if not violations:
        return
    first = violations[0]
    summary = "; ".join(f"{v.path}: {v.issue}" for v in violations[:5])
    raise ValidationFailed(
        f"Request validation failed: {summary}", field=first.path, issue=first.issue
    )
