"""How an API answers errors: a status per error kind, and its own envelope."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# The usual HTTP status of each error kind (core/errors.py); an API overrides what it answers
# differently (Sema4: an illegal move is 412; Agentwork: 400).
DEFAULT_STATUS: Mapping[str, int] = {
    "bad_request": 400,
    "malformed_body": 400,
    "unauthorized": 401,
    "payment_required": 402,
    "forbidden": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "request_timeout": 408,
    "conflict": 409,
    "illegal_move": 409,
    "precondition_failed": 412,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
    "unprocessable_entity": 422,
    "too_many_requests": 429,
    "internal_error": 500,
    "service_unavailable": 503,
}
# Kinds that refine another: an envelope with a fixed code vocabulary writes the general one.
GENERAL_KIND: Mapping[str, str] = {"malformed_body": "bad_request"}
KIND_BY_STATUS: Mapping[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    402: "payment_required",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    409: "conflict",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "unprocessable_entity",
    429: "too_many_requests",
    500: "internal_error",
    503: "service_unavailable",
}


def kind_of_status(status: int) -> str:
    """The error kind an arbitrary status stands for (an injected 418 is a bad request)."""
    return KIND_BY_STATUS.get(status) or ("internal_error" if status >= 500 else "bad_request")


@dataclass(frozen=True)
class Failure:
    """Everything an envelope may carry about one failed request."""

    status: int
    kind: str
    message: str
    error_id: str
    field: str | None = None
    issue: str | None = None
    reason: str | None = None  # the API's own reason code (DomainError.reason), if it has one
    data: Mapping[str, Any] | None = None  # facts some envelopes carry as their own fields


class ErrorStyle(ABC):
    """One API's way of answering errors."""

    statuses: Mapping[str, int] = {}  # kind -> status, where the API differs from the usual

    def status_of(self, kind: str) -> int:
        return self.statuses.get(kind) or DEFAULT_STATUS.get(kind, 400)

    @abstractmethod
    def body(self, failure: Failure) -> Any:
        """The JSON document answered."""

    def headers(self, failure: Failure) -> dict[str, str]:
        """Headers every error answer carries (a request id, say)."""
        return {}

    def code_of(self, failure: Failure) -> str:
        """The API's own name for the error, as the request journal shows it."""
        return failure.kind


class StandardErrors(ErrorStyle):
    """`{"error": {"code", "message", "details": {"field", "issue"}, "error_id"}}`: the
    control plane's envelope, and the default for an API that documents none."""

    wire_codes: Mapping[str, str] = {}  # kind -> the code written on the wire, where they differ

    def code_of(self, failure: Failure) -> str:
        kind = failure.kind
        return self.wire_codes.get(kind) or GENERAL_KIND.get(kind, kind)

    def body(self, failure: Failure) -> Any:
        error: dict[str, Any] = {
            "code": self.code_of(failure),
            "message": failure.message,
            "details": {"field": failure.field or "", "issue": failure.issue or failure.message},
            "error_id": failure.error_id,
        }
        return {"error": error}
