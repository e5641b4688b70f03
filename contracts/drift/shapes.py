"""How a JSON object departs from a schema: fields missing, fields undocumented, wrong values."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import jsonschema


@dataclass(frozen=True)
class Departure:
    field: str
    kind: str  # missing, undocumented, value
    detail: str = ""

    def describe(self, what: str) -> str:
        if self.kind == "missing":
            return f"{what} lacks the documented field `{self.field}`"
        if self.kind == "undocumented":
            return f"{what} has the undocumented field `{self.field}`"
        return f"{what} `{self.field}` holds a value its schema does not allow"

    def expected(self, schema: str) -> str:
        """What the contract says instead: the schema, and why the value fails it."""
        return f"{schema}: {self.detail}" if self.detail else f"the {schema} schema"


def departures(body: Any, schema: dict[str, Any], *, skip: Collection[str] = ()) -> list[Departure]:
    """Each way the object `body` departs from the object `schema`, one level deep (a nested
    value is judged by its own schema as a whole). Fields in `skip` are judged elsewhere."""
    if not isinstance(body, dict):
        return [Departure("(body)", "value", f"not an object: {str(body)[:80]}")]
    properties: dict[str, Any] = schema.get("properties", {})
    found = [
        Departure(name, "missing")
        for name in schema.get("required", ())
        if name not in body and name not in skip
    ]
    if properties and schema.get("additionalProperties") is not True:
        found += [Departure(name, "undocumented") for name in body if name not in properties]
    for name, value in body.items():
        if name in properties and name not in skip:
            error = jsonschema.exceptions.best_match(
                jsonschema.Draft202012Validator(properties[name]).iter_errors(value)
            )
            if error is not None:
                found.append(Departure(name, "value", _short(error.message)))
    return found


def _short(message: str) -> str:
    return message if len(message) <= 120 else message[:117] + "..."
