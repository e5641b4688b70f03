"""The Sema4 API's error envelopes and the status of each error kind, per profile."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mock_server.hosting.errors import ErrorStyle, Failure, StandardErrors

STATUSES: Mapping[str, int] = {
    "illegal_move": 412,  # seed 000 and the platform: an action not allowed in the status
    "payload_too_large": 400,  # FIDELITY: oversized bodies are 400 on the platform, not 413
}


class Sema4Errors(StandardErrors):
    """`{"error": {"code", "message", "details": {"field", "issue"}, "error_id"}}` (seed 000)."""

    statuses = STATUSES
    wire_codes: Mapping[str, str] = {
        "illegal_move": "precondition_failed",
        "payload_too_large": "bad_request",
    }


class PlatformErrors(Sema4Errors):
    """FIDELITY: `{"error": {"error_id", "code", "message", ...}}` with the error's data merged
    flat into the same object (`work_item_id` on a 404, sizes on a 400), as the platform's
    `convert_error_response` builds it (sema4-platform-behaviour.md §2.1); no `details`."""

    wire_codes: Mapping[str, str] = {
        **Sema4Errors.wire_codes,
        "internal_error": "unexpected",  # §2.2: a generic exception is `unexpected`
    }

    def body(self, failure: Failure) -> Any:
        error: dict[str, Any] = {
            "error_id": failure.error_id,
            "code": self.code_of(failure),
            "message": failure.message,
        }
        for key, value in (failure.data or {}).items():
            error.setdefault(key, value)
        return {"error": error}


ENVELOPES: Mapping[str, ErrorStyle] = {
    "documented": Sema4Errors(),
    "platform": PlatformErrors(),
}
