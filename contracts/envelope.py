"""The documented error envelope, `{"error": {"code", "message", "details"?, "error_id"?}}`."""

from __future__ import annotations

import re
from typing import Any

SNAKE_CASE = re.compile(r"^[a-z][a-z0-9_]*$")
EXPECTED = 'application/json {"error": {"code": <snake_case>, "message": <text>, ...}}'


def envelope_problem(content_type: str, body: Any) -> str | None:
    """What is wrong with an error response's envelope, or None when it is as documented."""
    if content_type != "application/json":
        return f"Content-Type is {content_type or 'missing'}, not application/json"
    if not isinstance(body, dict) or not isinstance(body.get("error"), dict):
        return 'the body is not an object with an "error" object'
    error = body["error"]
    code, message = error.get("code"), error.get("message")
    if not isinstance(code, str) or not SNAKE_CASE.match(code):
        return f"error.code is {code!r}, not a snake_case string"
    if not isinstance(message, str) or not message.strip():
        return f"error.message is {message!r}, not a non-empty string"
    details = error.get("details")
    if details is not None and not _is_details(details):
        return f"error.details is {details!r}, not an object of strings"
    error_id = error.get("error_id")
    if error_id is not None and not isinstance(error_id, str):
        return f"error.error_id is {error_id!r}, not a string"
    return None


def _is_details(details: Any) -> bool:
    return isinstance(details, dict) and all(
        isinstance(details.get(name), str) for name in ("field", "issue") if name in details
    )
