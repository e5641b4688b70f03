"""Agentwork's error envelope, FastAPI's shape: `{"status_code", "detail"}`, and the status of
each error kind."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from mock_server.hosting.errors import ErrorStyle, Failure

SERVER_ERROR_DETAIL = "An internal error occurred while processing your request."
_INDEX = re.compile(r"\[(\d+)\]")


class AgentworkErrors(ErrorStyle):
    """4xx: `{"status_code", "detail": "<text>"}`; 422: `detail` a list of `{loc, msg, type}`;
    500: `{"status_code", "error", "detail", "request_id"}` (seed 003, "Error responses")."""

    statuses: Mapping[str, int] = {
        "illegal_move": 400,  # seed 003: "400 - bad request (e.g. task already completed)"
        # FIDELITY (inferred): FastAPI validates the body before the handler runs, and
        # answers JSON that does not parse, or a body that is not JSON, with 422.
        "malformed_body": 422,
        "unsupported_media_type": 422,
    }

    def body(self, failure: Failure) -> Any:
        if failure.status == 422:
            return {"status_code": 422, "detail": [validation_item(failure)]}
        if failure.status >= 500:
            return {
                "status_code": failure.status,
                "error": failure.kind,
                "detail": server_error_detail(failure),
                "request_id": failure.error_id,
            }
        return {"status_code": failure.status, "detail": failure.message}


def server_error_detail(failure: Failure) -> str:
    """The reference's words for a crash (never its internals); an injected fault's own."""
    # FIDELITY: seed 003's example detail; the request id is the error id the log carries.
    if failure.kind == "internal_error" and failure.field != "fault":
        return SERVER_ERROR_DETAIL
    return failure.message


def validation_item(failure: Failure) -> dict[str, Any]:
    """One `{loc, msg, type}` of a 422, as pydantic words it: `body.answers[0].selected` is
    `["body", "answers", 0, "selected"]`."""
    whole_body = failure.kind in ("malformed_body", "unsupported_media_type")
    return {
        "loc": ["body"] if whole_body else location(failure.field or "body"),
        "msg": failure.message,
        "type": error_type(failure),
    }


def location(field: str) -> list[str | int]:
    parts: list[str | int] = []
    for name in _INDEX.sub(r".\1", field).split("."):
        if name:
            parts.append(int(name) if name.isdigit() else name)
    return parts


def error_type(failure: Failure) -> str:
    if failure.kind == "malformed_body":
        return "json_invalid"
    if failure.kind == "unsupported_media_type":
        return "model_attributes_type"
    return "missing" if failure.issue == "is required" else "value_error"
