"""Per request: the caller's rate-limit window and the headers DocLD's answers carry for it."""

from __future__ import annotations

from collections.abc import Callable

from flask import request

from mock_server.apis.docld.domain.ratelimit import Allowance
from mock_server.apis.docld.errors import REQUEST_ID
from mock_server.http.errors import ERROR_CODE

ALLOWANCE = "workitems_mock.docld.allowance"  # the request's verdict, kept in its environ


def remember_allowance(allowance: Allowance) -> None:
    """Called by authentication, so whatever answers (the handler, an error) reports it."""
    request.environ[ALLOWANCE] = allowance


def answer_headers(new_request_id: Callable[[], str]) -> dict[str, str]:
    """`X-RateLimit-*` (and `Retry-After`) once the caller was authenticated; `x-request-id`."""
    environ = request.environ
    allowance: Allowance | None = environ.get(ALLOWANCE)
    headers = allowance.headers() if allowance is not None else {}
    if ERROR_CODE not in environ:  # an error answer carries its error id as the request id
        headers[REQUEST_ID] = new_request_id()
    return headers


def query_value(name: str) -> str | None:
    """A query parameter of the current request (the journal's `?execution_id=`)."""
    return request.args.get(name) or None
