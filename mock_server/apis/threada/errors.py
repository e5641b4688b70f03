"""Threada's error envelope: a category, a reason code, a message and a correlation id.

FIDELITY: "typed error categories for validation, authorization, policy, and execution
failures", "reason codes", "correlation IDs are returned" (seed 002). INFERRED: the envelope's
field names, the `X-Correlation-Id` header, the statuses, and the reason codes of errors the
core raises (routing, parsing, injected faults), listed in `CORE_REASONS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mock_server.apis.threada.domain.errors import AUTHORIZATION, EXECUTION, POLICY, VALIDATION
from mock_server.apis.threada.domain.errors import category_of as threada_category
from mock_server.hosting.errors import ErrorStyle, Failure

CORRELATION_HEADER = "X-Correlation-Id"

# Errors the shared core raises, by kind: (category, reason code).
CORE_REASONS: Mapping[str, tuple[str, str]] = {
    "bad_request": (VALIDATION, "invalid_request"),
    "malformed_body": (VALIDATION, "invalid_request"),
    "unprocessable_entity": (VALIDATION, "invalid_field"),
    "unsupported_media_type": (VALIDATION, "unsupported_media_type"),
    "payload_too_large": (VALIDATION, "payload_too_large"),
    "not_found": (VALIDATION, "not_found"),
    "method_not_allowed": (VALIDATION, "method_not_allowed"),
    "conflict": (VALIDATION, "conflict"),
    "illegal_move": (VALIDATION, "invalid_state_transition"),
    "precondition_failed": (VALIDATION, "precondition_failed"),
    "unauthorized": (AUTHORIZATION, "unauthenticated"),
    "forbidden": (AUTHORIZATION, "forbidden"),
    "payment_required": (POLICY, "payment_required"),
    "too_many_requests": (EXECUTION, "rate_limited"),
    "internal_error": (EXECUTION, "internal_error"),
    "service_unavailable": (EXECUTION, "unavailable"),
    "request_timeout": (EXECUTION, "request_timeout"),
}


class ThreadaErrors(ErrorStyle):
    """`{"error": {"type", "code", "message", "correlation_id", "details"?}}`, and the
    correlation id again in `X-Correlation-Id`, on every error (404, 405 and 500 included)."""

    statuses: Mapping[str, int] = {
        # INFERRED: the contract documents 400 for every malformed request.
        "unprocessable_entity": 400,
        "payload_too_large": 400,
    }

    def category_and_code(self, failure: Failure) -> tuple[str, str]:
        category = threada_category(failure.reason)
        if category is not None and failure.reason is not None:
            return category, failure.reason
        fallback = (EXECUTION if failure.status >= 500 else VALIDATION, failure.kind)
        return CORE_REASONS.get(failure.kind, fallback)

    def code_of(self, failure: Failure) -> str:
        return self.category_and_code(failure)[1]

    def body(self, failure: Failure) -> Any:
        category, code = self.category_and_code(failure)
        error: dict[str, Any] = {
            "type": category,
            "code": code,
            "message": failure.message,
            "correlation_id": failure.error_id,
        }
        if failure.field:
            error["details"] = {"field": failure.field, "issue": failure.issue or failure.message}
        return {"error": error}

    def headers(self, failure: Failure) -> dict[str, str]:
        return {CORRELATION_HEADER: failure.error_id}
