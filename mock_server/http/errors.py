"""Every error leaves as JSON in the envelope of the API it belongs to; nothing else ever does."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from mock_server.core.errors import DomainError
from mock_server.hosting.errors import ErrorStyle, Failure, StandardErrors, kind_of_status
from mock_server.http.responses import json_response

log = logging.getLogger("workitems_mock")

CONTROL_PLANE_ERRORS = StandardErrors()
# What answered an error, for the request journal (read from the environ: cheaper than
# parsing the body back, and the same whatever the API's envelope looks like).
ERROR_CODE = "workitems_mock.error_code"
ERROR_MESSAGE = "workitems_mock.error_message"

StyleFor = Callable[[], ErrorStyle]


def neutral_error_body(status: int, message: str, error_id: str) -> object:
    """An error answered before any app or API saw the request (the server's own refusals):
    the control plane's envelope, as no API can be told apart yet."""
    failure = Failure(status, kind_of_status(status), message, error_id, "request", message)
    return CONTROL_PLANE_ERRORS.body(failure)


def error_response(
    style: ErrorStyle, failure: Failure, headers: Mapping[str, str] | None = None
) -> Response:
    """The failure in `style`'s envelope, noted in the environ for the journal."""
    environ = request.environ
    environ[ERROR_CODE] = style.code_of(failure)
    environ[ERROR_MESSAGE] = failure.message
    answer_headers = {**style.headers(failure), **(headers or {})}
    return json_response(failure.status, style.body(failure), answer_headers)


def domain_failure(style: ErrorStyle, error: DomainError, error_id: str) -> Failure:
    return Failure(
        status=style.status_of(error.code),
        kind=error.code,
        message=error.message,
        error_id=error_id,
        field=error.field,
        issue=error.issue,
        reason=error.reason,
        data=error.data,
    )


def register_error_handlers(
    app: Flask, style_for: StyleFor, new_error_id: Callable[[], str]
) -> None:
    """Map domain errors, routing errors and crashes to the owning API's envelope."""

    @app.errorhandler(DomainError)
    def _domain(error: DomainError) -> Response:
        style = style_for()
        return error_response(style, domain_failure(style, error, new_error_id()))

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Response:
        if isinstance(error.__context__, TimeoutError):  # werkzeug's "client disconnected"
            return _late(error.__context__)
        style = style_for()
        kind = kind_of_status(error.code or 500)
        field, issue, message = _describe(error, kind)
        failure = Failure(style.status_of(kind), kind, message, new_error_id(), field, issue)
        headers = {name: value for name, value in error.get_headers() if name == "Allow"}
        return error_response(style, failure, headers)

    @app.errorhandler(TimeoutError)
    def _late(error: TimeoutError) -> Response:
        # Reading the body outlived its deadline (http/deadlines.py): the client's fault.
        style = style_for()
        failure = Failure(
            style.status_of("request_timeout"),
            "request_timeout",
            "The request body did not arrive in time; the connection is closed.",
            new_error_id(),
            "body",
            "send the whole body without long pauses",
        )
        return error_response(style, failure, {"Connection": "close"})

    @app.errorhandler(Exception)
    def _crash(error: Exception) -> Response:
        error_id = new_error_id()
        log.exception("unexpected error %s on %s %s", error_id, request.method, request.path)
        message = f"An unexpected error occurred; quote error_id {error_id} when reporting it."
        failure = Failure(500, "internal_error", message, error_id, None, "internal error")
        return error_response(style_for(), failure)


def _describe(error: HTTPException, kind: str) -> tuple[str, str, str]:
    """(field, issue, message) for a routing or transport error."""
    if kind == "not_found":
        message = f"No route matches {request.method} {request.path}."
        return "path", "no operation has this path", message
    if kind == "method_not_allowed":
        allowed = next((h[1] for h in error.get_headers() if h[0] == "Allow"), "")
        message = f"Method {request.method} is not allowed on {request.path}; allowed: {allowed}."
        return "method", f"allowed: {allowed}", message
    if kind == "payload_too_large":
        return "body", "the request body is too large", "The request body is too large."
    message = error.description or "The request could not be processed."
    return "request", message, message
