"""Parses the `Prefer` request header (RFC 7240), which mock servers use to pick outcomes."""

from __future__ import annotations

from collections.abc import Mapping


def preferences(header: str | None) -> dict[str, str]:
    """`respond-async, scenario="x"` -> {"respond-async": "", "scenario": "x"}."""
    found: dict[str, str] = {}
    for token in (header or "").split(","):
        name, _, value = token.split(";")[0].strip().partition("=")
        if name:
            found.setdefault(name.strip().lower(), value.strip().strip('"'))
    return found


def preference(headers: Mapping[str, str], name: str) -> str | None:
    return preferences(headers.get("Prefer")).get(name) or None
