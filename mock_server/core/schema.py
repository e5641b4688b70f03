"""A small JSON Schema (2020-12 subset) validator that reports field paths in plain words.

Request validation is derived from `openapi.yaml` through this module. It implements only
the keywords the contract uses (`SUPPORTED_KEYWORDS`); `tests/` fail if the contract starts
using another one, and cross-check verdicts against the `jsonschema` reference implementation.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Schema = Mapping[str, Any]

ASSERTIONS = frozenset(
    {
        "type", "enum", "const", "properties", "required", "additionalProperties", "items",
        "minItems", "maxItems", "minLength", "maxLength", "pattern", "minimum", "maximum",
    }
)  # fmt: skip
ANNOTATIONS = frozenset(
    {
        "description", "title", "default", "example", "examples", "format", "deprecated",
        "readOnly", "writeOnly", "$comment", "contentMediaType",
    }
)  # fmt: skip
SUPPORTED_KEYWORDS = ASSERTIONS | ANNOTATIONS


@dataclass(frozen=True)
class Violation:
    """`path` locates the value ("callbacks[0].on_status", "" for the root)."""

    path: str
    issue: str


def validate(schema: Schema, instance: object, path: str = "") -> list[Violation]:
    """Every violation of `schema` by `instance`; an empty list means valid."""
    type_issue = _type_issue(schema, instance)
    if type_issue:
        return [Violation(path, type_issue)]
    issues = [Violation(path, issue) for issue in _value_issues(schema, instance)]
    if isinstance(instance, dict):
        issues += _object_violations(schema, instance, path)
    elif isinstance(instance, list):
        issues += _array_violations(schema, instance, path)
    return issues


def _type_name(instance: object) -> str:
    # Strings, objects and arrays first: they are most of what a request body holds.
    if isinstance(instance, str):
        return "string"
    if isinstance(instance, dict):
        return "object"
    if isinstance(instance, list):
        return "array"
    if instance is None:
        return "null"
    if isinstance(instance, bool):
        return "boolean"
    if isinstance(instance, int) or (isinstance(instance, float) and instance.is_integer()):
        return "integer"
    return "number" if isinstance(instance, float) else type(instance).__name__


def _type_issue(schema: Schema, instance: object) -> str | None:
    expected = schema.get("type")
    if expected is None:
        return None
    actual = _type_name(instance)
    if actual == expected:  # the usual case: one type named, and matched
        return None
    allowed = [expected] if isinstance(expected, str) else list(expected)
    if actual in allowed or (actual == "integer" and "number" in allowed):
        return None
    return f"must be {' or '.join(allowed)}, not {actual}"


def _value_issues(schema: Schema, value: object) -> list[str]:
    issues: list[str] = []
    if "enum" in schema and not _in_enum(value, schema["enum"]):
        issues.append("must be one of " + ", ".join(str(v) for v in schema["enum"]))
    if "const" in schema and not _json_equal(value, schema["const"]):
        issues.append(f"must be {schema['const']!r}")
    if isinstance(value, str):
        issues += _string_issues(schema, value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        issues += _number_issues(schema, value)
    return issues


def _string_issues(schema: Schema, value: str) -> list[str]:
    issues = []
    if "minLength" in schema and len(value) < schema["minLength"]:
        issues.append(f"must be at least {schema['minLength']} characters long")
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        issues.append(f"must be at most {schema['maxLength']} characters long")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        issues.append(f"must match the pattern {schema['pattern']}")
    return issues


def _number_issues(schema: Schema, value: float) -> list[str]:
    issues = []
    if "minimum" in schema and value < schema["minimum"]:
        issues.append(f"must be greater than or equal to {schema['minimum']}")
    if "maximum" in schema and value > schema["maximum"]:
        issues.append(f"must be less than or equal to {schema['maximum']}")
    return issues


def _object_violations(schema: Schema, instance: dict[str, Any], path: str) -> list[Violation]:
    issues = [
        Violation(_join(path, name), "is required")
        for name in schema.get("required", ())
        if name not in instance
    ]
    properties: Mapping[str, Schema] = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    for name, value in instance.items():
        if name in properties:
            issues += validate(properties[name], value, _join(path, name))
        elif extra is False:
            issues.append(Violation(_join(path, name), "is not an allowed property"))
        elif isinstance(extra, Mapping):
            issues += validate(extra, value, _join(path, name))
    return issues


def _array_violations(schema: Schema, instance: list[Any], path: str) -> list[Violation]:
    issues = []
    if "minItems" in schema and len(instance) < schema["minItems"]:
        issues.append(Violation(path, f"must have at least {schema['minItems']} items"))
    if "maxItems" in schema and len(instance) > schema["maxItems"]:
        issues.append(Violation(path, f"must have at most {schema['maxItems']} items"))
    if "items" in schema:
        for position, item in enumerate(instance):
            issues += validate(schema["items"], item, f"{path}[{position}]")
    return issues


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _in_enum(value: object, options: list[Any]) -> bool:
    if isinstance(value, str):
        return value in options  # a string equals only the same string, in JSON as in Python
    return any(_json_equal(value, option) for option in options)


def _json_equal(left: object, right: object) -> bool:
    # JSON equality: 1 == 1.0, but true is not 1.
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    return left == right


INTEGER_TEXT = re.compile(r"[+-]?\d+")


def coerce_text(schema: Schema, text: str) -> tuple[object, str | None]:
    """Turn a query or path value into the type `schema` names; (value, issue or None)."""
    expected = schema.get("type", "string")
    if expected == "integer":
        if not INTEGER_TEXT.fullmatch(text):
            return text, f"must be an integer, not {text!r}"
        return int(text), None
    if expected == "number":
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            return text, f"must be a number, not {text!r}"
        return number, None
    if expected == "boolean":
        lowered = text.lower()
        if lowered not in ("true", "false"):
            return text, f"must be true or false, not {text!r}"
        return lowered == "true", None
    return text, None
