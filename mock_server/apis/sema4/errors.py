"""The Sema4 API's error envelope and the status of each error kind."""

from __future__ import annotations

from collections.abc import Mapping

from mock_server.hosting.errors import StandardErrors


class Sema4Errors(StandardErrors):
    """`{"error": {"code", "message", "details": {"field", "issue"}, "error_id"}}` (seed 000)."""

    statuses: Mapping[str, int] = {
        "illegal_move": 412,  # seed 000: an action not allowed in the item's status
        "payload_too_large": 400,  # FIDELITY: oversized bodies are 400 on the platform, not 413
    }
    wire_codes: Mapping[str, str] = {
        "illegal_move": "precondition_failed",
        "payload_too_large": "bad_request",
    }
