"""The request journal under /_mock/requests: find what was asked and why it failed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import Blueprint, Response, request

from mock_server.core.clock import isoformat_z
from mock_server.core.errors import ValidationFailed
from mock_server.hosting.context import current_emulator
from mock_server.http.journal import Entry
from mock_server.http.responses import json_response
from mock_server.http.templates import path_matcher

bp = Blueprint("journal", __name__, url_prefix="/_mock/requests")


def entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.entry_id,
        "at": isoformat_z(entry.at),
        "method": entry.method,
        "path": entry.path,
        "query": entry.query,
        "status": entry.status,
        "latency_ms": entry.latency_ms,
        "key": entry.key,
        "operation": entry.operation,
        "api": entry.api,
        "resource_id": entry.resource_id,
        "work_item_id": entry.resource_id,  # the name before several APIs were hosted
        "error_code": entry.error_code,
        "reason": entry.reason,
    }


def _instant(name: str) -> datetime | None:
    text = request.args.get(name)
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValidationFailed(
            f"query.{name} must be an ISO-8601 timestamp, not {text!r}.", field=f"query.{name}"
        ) from None


def _field_equals(name: str, value: str) -> Callable[[Entry], bool]:
    return lambda entry: getattr(entry, name) == value


def _filters() -> list[Callable[[Entry], bool]]:
    args = request.args
    tests: list[Callable[[Entry], bool]] = []
    if method := args.get("method"):
        tests.append(lambda e: e.method == method.upper())
    if template := args.get("path"):
        matches = path_matcher(template, current_emulator().faults.prefix)
        tests.append(lambda e: matches(e.path))
    if status := args.get("status"):
        tests.append(lambda e: str(e.status) == status or f"{str(e.status)[0]}xx" == status)
    resource = args.get("resource_id") or args.get("work_item_id")
    if resource:
        tests.append(_field_equals("resource_id", resource))
    for name in ("operation", "api"):
        if value := args.get(name):
            tests.append(_field_equals(name, value))
    if (since := _instant("since")) is not None:
        tests.append(lambda e: e.at >= since)
    if (until := _instant("until")) is not None:
        tests.append(lambda e: e.at <= until)
    return tests


@bp.get("")
def list_requests() -> Response:
    """Filter with method, path (a path or template), status (404 or 4xx), resource_id (or
    work_item_id), operation, api, since and until (emulator time)."""
    tests = _filters()
    found = [e for e in current_emulator().journal.entries() if all(t(e) for t in tests)]
    return json_response(200, {"requests": [entry_json(e) for e in found]})


@bp.delete("")
def clear_requests() -> Response:
    current_emulator().journal.clear()
    return json_response(200, {"status": "ok"})
