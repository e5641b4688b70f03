"""What a step sees of the steps before it, and `{{field}}` templates filled from that."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from mock_server.apis.docld.domain.model import JsonObject

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][\w-]*(?:\.[\w-]+)*)\s*\}\}")
MISSING = object()


def step_context(trigger_data: JsonObject, outputs: Mapping[str, JsonObject]) -> dict[str, Any]:
    """The trigger's data and every upstream output, flat (later steps win), plus the same
    under `trigger.` and `steps.<step id>.` for when two steps name a field alike."""
    context: dict[str, Any] = dict(trigger_data)
    for output in outputs.values():
        context.update(output)
    context["trigger"] = dict(trigger_data)
    context["steps"] = {step_id: dict(output) for step_id, output in outputs.items()}
    return context


def lookup(context: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path, or MISSING."""
    value: Any = context
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return MISSING
        value = value[part]
    return value


def render(template: str, context: Mapping[str, Any]) -> str:
    """Fill `{{field}}` and `{{steps.extract.field}}`; a missing field renders empty.

    FIDELITY (inferred): DocLD fills placeholders "from extracted data"; what a missing one
    becomes is not documented, and empty is what most template engines do.
    """

    def fill(match: re.Match[str]) -> str:
        value = lookup(context, match.group(1))
        if value is MISSING or value is None:
            return ""
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)

    return PLACEHOLDER.sub(fill, template)
