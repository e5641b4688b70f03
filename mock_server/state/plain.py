"""Records as JSON-ready values for state documents, and base64 content, either way."""

from __future__ import annotations

import base64
import binascii
import dataclasses
from datetime import datetime
from typing import Any

from mock_server.core.clock import isoformat_z
from mock_server.hosting.state import StateError


def json_value(value: Any) -> Any:
    """A field as JSON: instants as ISO text, tuples (messages) as lists, the rest as it is."""
    if isinstance(value, datetime):
        return isoformat_z(value)
    return list(value) if isinstance(value, tuple) else value


def plain(record: Any, *left_out: str) -> dict[str, Any]:
    """A dataclass's fields in declaration order; the loader copies them back by name.

    Fields written another way (bytes, enums, nested records) are overridden by the caller,
    which keeps their place in the order, or left out.
    """
    return {
        f.name: json_value(getattr(record, f.name))
        for f in dataclasses.fields(record)
        if f.name not in left_out
    }


def to_base64(content: bytes | None) -> str | None:
    return base64.b64encode(content).decode("ascii") if content is not None else None


def from_base64(text: str, where: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error:
        raise StateError(f"{where}: not valid base64") from None
