"""The evidence a request body carries for its receipt: citations and a fallback reason."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mock_server.apis.threada.domain.model import Citation, Evidence


def evidence_of(body: Mapping[str, Any] | None) -> Evidence:
    """From a body the contract validated (`citations`, `fallback_reason`, both optional)."""
    body = body or {}
    citations = tuple(Citation(c["source"], c.get("excerpt")) for c in body.get("citations") or ())
    return Evidence(citations, body.get("fallback_reason"))
