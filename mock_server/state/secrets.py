"""Secrets in a state document: masked when exported unless asked for, and kept on import."""

from __future__ import annotations

from typing import Any

from mock_server.hosting.state import StateError

MASK = "<masked>"
# Fields whose values open something (keys, passwords, HMAC secrets, upload tokens). Named by
# field, whatever the API, so a new API's secrets are masked as long as it names them so.
SECRET_FIELDS = frozenset(
    {"key", "api_key", "password", "secret", "signature_secret", "url_secret", "token"}
)


def masked(document: Any) -> Any:
    """A copy of `document` with every secret field's value replaced by MASK."""
    if isinstance(document, dict):
        return {
            name: MASK if name in SECRET_FIELDS and isinstance(value, str) else masked(value)
            for name, value in document.items()
        }
    if isinstance(document, list):
        return [masked(item) for item in document]
    return document


def unmasked(document: Any, current: Any, where: str = "") -> Any:
    """`document` with each MASK replaced by the secret `current` (this emulator's own state,
    secrets included) holds at the same place; StateError where it holds none."""
    if isinstance(document, dict):
        here = current if isinstance(current, dict) else {}
        return {
            name: _filled(value, here.get(name), f"{where}.{name}" if where else name)
            for name, value in document.items()
        }
    if isinstance(document, list):
        there = current if isinstance(current, list) else []
        return [
            unmasked(item, there[i] if i < len(there) else None, f"{where}.{i}")
            for i, item in enumerate(document)
        ]
    return document


def _filled(value: Any, current: Any, where: str) -> Any:
    if value != MASK:
        return unmasked(value, current, where)
    if not isinstance(current, str) or current == MASK:
        raise StateError(
            f"{where}: the secret was masked when exported and this emulator has none there to "
            "keep; export with ?include_secrets=true (from this machine) to carry it"
        )
    return current
