"""Flask rules for the contract's paths: a template never captures a concrete sibling's segment."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from werkzeug.routing import BaseConverter, Map


class ExceptConverter(BaseConverter):
    """A path segment other than the given literals: `<except("search"):order_id>`."""

    def __init__(self, url_map: Map, *reserved: str) -> None:
        super().__init__(url_map)
        alternatives = "|".join(re.escape(word) for word in reserved)
        self.regex = f"(?!(?:{alternatives})$)[^/]+"


def register_converter(state: Any) -> None:
    state.app.url_map.converters.setdefault("except", ExceptConverter)


def flask_rule(path: str, paths: Iterable[str]) -> str:
    """The Flask rule for a spec path; a template never captures a concrete sibling's segment.

    OpenAPI matches concrete paths before templated ones, so `GET /orders/search`
    belongs to the concrete path (405 when it has no GET), not to `/orders/{order_id}`.
    """
    parts = path.split("/")
    rule = []
    for position, part in enumerate(parts):
        if not part.startswith("{"):
            rule.append(part)
            continue
        reserved = sorted(_literals_at(parts, position, paths))
        name = part[1:-1]
        if reserved:
            arguments = ", ".join(json.dumps(word) for word in reserved)
            rule.append(f"<except({arguments}):{name}>")
        else:
            rule.append(f"<{name}>")
    return "/".join(rule)


def _literals_at(parts: list[str], position: int, paths: Iterable[str]) -> set[str]:
    """Literal segments other paths have where `parts` has a parameter, with the same prefix."""
    found = set()
    for other in paths:
        segments = other.split("/")
        if len(segments) == len(parts) and segments[:position] == parts[:position]:
            word = segments[position]
            if not word.startswith("{"):
                found.add(word)
    return found
