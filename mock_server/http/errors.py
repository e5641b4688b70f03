"""Every error leaves as JSON in the documented envelope; nothing else ever does."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from mock_server.core.errors import DomainError
from mock_server.http.responses import json_response

log = logging.getLogger("workitems_mock")

STATUS_BY_CODE: Mapping[str, int] = {
    "bad_request": 400,
    "unauthorized": 401,
    "forbidden": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "request_timeout": 408,
    "precondition_failed": 412,
    "illegal_move": 412,
    "conflict": 409,
    "payment_required": 402,
    "unsupported_media_type": 415,
    "unprocessable_entity": 422,
    "too_many_requests": 429,
    "internal_error": 500,
    "service_unavailable": 503,
}
CODE_BY_STATUS = {status: code for code, status in reversed(list(STATUS_BY_CODE.items()))}
WIRE_CODE = {"illegal_move": "precondition_failed"}


def envelope(
    code: str,
    message: str,
    error_id: str,
    *,
    field: str | None = None,
    issue: str | None = None,
) -> dict[str, Any]:
    """`{"error": {"code", "message", "details"?, "error_id"}}`, as documented."""
    body: dict[str, Any] = {"code": code, "message": message}
    if field is not None or issue is not None:
        body["details"] = {"field": field or "", "issue": issue or message}
    body["error_id"] = error_id
    return {"error": body}


def error_response(
    error: DomainError, error_id: str, headers: Mapping[str, str] | None = None
) -> Response:
    body = envelope(
        WIRE_CODE.get(error.code, error.code),
        error.message,
        error_id,
        field=error.field,
        issue=error.issue,
    )
    return json_response(STATUS_BY_CODE.get(error.code, 400), body, headers)


def register_error_handlers(app: Flask, new_error_id: Callable[[], str]) -> None:
    """Map domain errors, routing errors and crashes to the envelope."""

    @app.errorhandler(DomainError)
    def _domain(error: DomainError) -> Response:
        return error_response(error, new_error_id())

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Response:
        if isinstance(error.__context__, TimeoutError):  # werkzeug's "client disconnected"
            return _late(error.__context__)
        status = error.code or 500
        if status == 413:
            status = 400  # FIDELITY: oversized bodies are 400 on the platform, not 413
        body = envelope(
            CODE_BY_STATUS.get(status, "bad_request"), _describe(error, status), new_error_id()
        )
        headers = {name: value for name, value in error.get_headers() if name == "Allow"}
        return json_response(status, body, headers)

    @app.errorhandler(TimeoutError)
    def _late(error: TimeoutError) -> Response:
        # Reading the body outlived its deadline (http/deadlines.py): the client's fault.
        body = envelope(
            "request_timeout",
            "The request body did not arrive in time; the connection is closed.",
            new_error_id(),
            field="body",
            issue="send the whole body without long pauses",
        )
        return json_response(408, body, {"Connection": "close"})

    @app.errorhandler(Exception)
    def _crash(error: Exception) -> Response:
        error_id = new_error_id()
        log.exception("unexpected error %s on %s %s", error_id, request.method, request.path)
        body = envelope(
            "internal_error",
            f"An unexpected error occurred; quote error_id {error_id} when reporting it.",
            error_id,
        )
        return json_response(500, body)


def _describe(error: HTTPException, status: int) -> str:
    if status == 404:
        return f"No route matches {request.method} {request.path}."
    if status == 405:
        allowed = next((h[1] for h in error.get_headers() if h[0] == "Allow"), "")
        return f"Method {request.method} is not allowed on {request.path}; allowed: {allowed}."
    if status == 400 and error.code == 413:
        return "The request body is too large."
    return error.description or "The request could not be processed."
