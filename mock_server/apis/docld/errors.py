"""DocLD's error envelope: `{"error": {"type", "message", "code", "param"?}}` with five types."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mock_server.apis.docld.domain.keys import EXPIRED_KEY, NO_KEY, NOT_BEARER, UNKNOWN_KEY
from mock_server.hosting.errors import ErrorStyle, Failure

# FIDELITY: the five documented types; every kind the core knows falls into one of them.
TYPES: Mapping[str, str] = {
    "unauthorized": "authentication_error",
    "forbidden": "authentication_error",
    "not_found": "not_found_error",
    "too_many_requests": "rate_limit_error",
    "internal_error": "api_error",
    "service_unavailable": "api_error",
}
# The one documented code is `rate_limit_exceeded`; the others are the emulator's (the
# contract lists them), so a client can branch on more than the type.
CODES: Mapping[str, str] = {
    "bad_request": "parameter_invalid",
    "unprocessable_entity": "parameter_invalid",
    "illegal_move": "invalid_state",
    "conflict": "resource_exists",
    "forbidden": "organization_mismatch",
    "not_found": "resource_not_found",
    "method_not_allowed": "method_not_allowed",
    "unsupported_media_type": "unsupported_media_type",
    "payload_too_large": "parameter_invalid",
    "too_many_requests": "rate_limit_exceeded",
    "internal_error": "internal_error",
    "service_unavailable": "service_unavailable",
}
AUTH_CODES: Mapping[str, str] = {
    NO_KEY: "missing_api_key",
    NOT_BEARER: "invalid_api_key",
    UNKNOWN_KEY: "invalid_api_key",
    EXPIRED_KEY: "api_key_expired",
}
NOT_JSON = "the body is not valid JSON"  # the shared body parser's issue for malformed JSON
# Fields the core names that are not request parameters (the route, a fault rule...).
NOT_PARAMS = frozenset({"", "path", "method", "request", "fault", "body", "Authorization"})
REQUEST_ID = "x-request-id"


def param_of(field: str | None) -> str | None:
    """The request field at fault as DocLD names it: `definition.steps[0].type`, not the
    shared validator's `body.definition.steps[0].type`."""
    if field is None or field in NOT_PARAMS:
        return None
    for prefix in ("body.", "query."):
        if field.startswith(prefix):
            return field.removeprefix(prefix)
    return field


class DocldErrors(ErrorStyle):
    # FIDELITY: DocLD documents 200/400/401/403/404/429/500 only, so a refused state, a
    # duplicate, a bad media type or an oversized body is a 400 `invalid_request_error`.
    statuses: Mapping[str, int] = {
        "illegal_move": 400,
        "conflict": 400,
        "unprocessable_entity": 400,
        "unsupported_media_type": 400,
        "payload_too_large": 400,
        "precondition_failed": 400,
    }

    def type_of(self, failure: Failure) -> str:
        if failure.status >= 500:
            return "api_error"
        return TYPES.get(failure.kind, "invalid_request_error")

    def code_of(self, failure: Failure) -> str:
        if failure.kind == "unauthorized":
            return AUTH_CODES.get(failure.issue or "", "invalid_api_key")
        if failure.issue == NOT_JSON:
            return "invalid_json"
        if failure.kind == "unprocessable_entity" and (failure.issue or "").startswith(
            "is required"
        ):
            return "parameter_missing"
        if failure.kind == "not_found" and failure.field == "path":
            return "route_not_found"
        return CODES.get(failure.kind, "api_error" if failure.status >= 500 else "invalid_request")

    def body(self, failure: Failure) -> Any:
        error: dict[str, Any] = {
            "type": self.type_of(failure),
            "message": failure.message,
            "code": self.code_of(failure),
        }
        param = param_of(failure.field)
        if param is not None:
            error["param"] = param
        return {"error": error}

    def headers(self, failure: Failure) -> dict[str, str]:
        # FIDELITY (inferred): the error's id is the request's, so the id a 500 asks to quote is
        # the `x-request-id` DocLD documents on every answer.
        return {REQUEST_ID: failure.error_id}
