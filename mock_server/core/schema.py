"""A small JSON Schema (2020-12 subset) validator that reports field paths in plain words.

Request validation is derived from `openapi.yaml` through this module. It implements only
the keywords the contract uses (`SUPPORTED_KEYWORDS`); `tests/` fail if the contract starts
using another one, and cross-check verdicts against the `jsonschema` reference implementation.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
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
        "x-inferred",  # a contract's note that the docs are silent on the element
    }
)  # fmt: skip
SUPPORTED_KEYWORDS = ASSERTIONS | ANNOTATIONS


@dataclass(frozen=True)
class Violation:
    """`path` locates the value ("callbacks[0].on_status", "" for the root)."""

    path: str
    issue: str


MAX_QUOTED_PATTERN = 80  # longer patterns are not repeated in messages

Check = Callable[[Any, str], list[Violation]]
ValueCheck = Callable[[Any], str | None]


def validate(schema: Schema, instance: object, path: str = "") -> list[Violation]:
    """Every violation of `schema` by `instance`; an empty list means valid."""
    return compiled(schema)(instance, path)


# Compiled checks by schema identity. Requests are validated against the same few contract
# schemas over and over: compiled once, a check reads no keyword from the schema again.
_COMPILED: dict[int, tuple[Schema, Check]] = {}
_COMPILED_LIMIT = 4096


def compiled(schema: Schema) -> Check:
    """The check for `schema`, built on first use; schemas are treated as immutable."""
    entry = _COMPILED.get(id(schema))
    if entry is not None and entry[0] is schema:
        return entry[1]
    if len(_COMPILED) >= _COMPILED_LIMIT:
        _COMPILED.clear()  # schemas built on the fly must not grow it forever
    check = _compile(schema)
    _COMPILED[id(schema)] = (schema, check)  # holding the schema keeps its id from reuse
    return check


def _compile(schema: Schema) -> Check:
    type_issue = _type_check(schema.get("type"))
    any_checks, string_checks, number_checks = _value_checks(schema)
    object_check, array_check = _object_check(schema), _array_check(schema)

    def check(instance: Any, path: str) -> list[Violation]:
        if type_issue is not None:
            issue = type_issue(instance)
            if issue is not None:
                return [Violation(path, issue)]
        issues = _apply(any_checks, instance, path) if any_checks else []
        if isinstance(instance, str):
            issues += _apply(string_checks, instance, path) if string_checks else []
        elif isinstance(instance, int | float) and not isinstance(instance, bool):
            issues += _apply(number_checks, instance, path) if number_checks else []
        if isinstance(instance, dict):
            issues += object_check(instance, path) if object_check else []
        elif isinstance(instance, list):
            issues += array_check(instance, path) if array_check else []
        return issues

    return check


def _apply(checks: list[ValueCheck], value: Any, path: str) -> list[Violation]:
    return [Violation(path, issue) for check in checks if (issue := check(value)) is not None]


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


def _type_check(expected: str | list[str] | None) -> ValueCheck | None:
    if expected is None:
        return None
    allowed = [expected] if isinstance(expected, str) else list(expected)
    accepted = frozenset(allowed) | ({"integer"} if "number" in allowed else set())
    names = " or ".join(allowed)

    def issue(instance: Any) -> str | None:
        actual = _type_name(instance)
        return None if actual in accepted else f"must be {names}, not {actual}"

    return issue


def _value_checks(schema: Schema) -> tuple[list[ValueCheck], list[ValueCheck], list[ValueCheck]]:
    """Checks for any value (enum, const), for strings, and for numbers, in reporting order."""
    any_value: list[ValueCheck] = []
    if "enum" in schema:
        options, listed = schema["enum"], ", ".join(str(v) for v in schema["enum"])
        any_value.append(lambda v: None if _in_enum(v, options) else f"must be one of {listed}")
    if "const" in schema:
        const = schema["const"]
        any_value.append(lambda v: None if _json_equal(v, const) else f"must be {const!r}")
    return any_value, _string_checks(schema), _number_checks(schema)


def _string_checks(schema: Schema) -> list[ValueCheck]:
    checks: list[ValueCheck] = []
    if "minLength" in schema:
        low, too_short = (
            schema["minLength"],
            f"must be at least {schema['minLength']} characters long",
        )
        checks.append(lambda v: too_short if len(v) < low else None)
    if "maxLength" in schema:
        high, too_long = (
            schema["maxLength"],
            f"must be at most {schema['maxLength']} characters long",
        )
        checks.append(lambda v: too_long if len(v) > high else None)
    if "pattern" in schema:
        pattern = re.compile(ecma_end(schema["pattern"]))
        mismatch = _pattern_issue(schema["pattern"])
        checks.append(lambda v: None if pattern.search(v) else mismatch)
    return checks


def ecma_end(pattern: str) -> str:
    """`pattern` with its final `$` anchored at the very end, as ECMA-262 (JSON Schema's regex
    dialect) reads it: Python's `$` also matches before a trailing newline, so `^a$` let
    `"a\\n"` through, which any JSON Schema client calls invalid."""
    body = pattern[:-1]
    escaped = (len(body) - len(body.rstrip("\\"))) % 2 == 1
    return body + r"\Z" if pattern.endswith("$") and not escaped else pattern


def _pattern_issue(pattern: str) -> str:
    # A pattern of a few hundred characters (a URL's grammar) says less than its description.
    if len(pattern) <= MAX_QUOTED_PATTERN:
        return f"must match the pattern {pattern}"
    return "does not have the form its pattern allows"


def _number_checks(schema: Schema) -> list[ValueCheck]:
    checks: list[ValueCheck] = []
    if "minimum" in schema:
        low, below = schema["minimum"], f"must be greater than or equal to {schema['minimum']}"
        checks.append(lambda v: below if v < low else None)
    if "maximum" in schema:
        high, above = schema["maximum"], f"must be less than or equal to {schema['maximum']}"
        checks.append(lambda v: above if v > high else None)
    return checks


def _object_check(schema: Schema) -> Check | None:
    required = tuple(schema.get("required", ()))
    properties = {name: compiled(sub) for name, sub in schema.get("properties", {}).items()}
    extra = schema.get("additionalProperties", True)
    closed, extra_check = extra is False, compiled(extra) if isinstance(extra, Mapping) else None
    if not (required or properties or closed or extra_check):
        return None

    def check(instance: dict[str, Any], path: str) -> list[Violation]:
        issues = [Violation(_join(path, n), "is required") for n in required if n not in instance]
        for name, value in instance.items():
            if (sub := properties.get(name)) is not None:
                issues += sub(value, _join(path, name))
            elif closed:
                issues.append(Violation(_join(path, name), "is not an allowed property"))
            elif extra_check is not None:
                issues += extra_check(value, _join(path, name))
        return issues

    return check


def _array_check(schema: Schema) -> Check | None:
    low, high = schema.get("minItems"), schema.get("maxItems")
    items = compiled(schema["items"]) if "items" in schema else None
    if low is None and high is None and items is None:
        return None

    def check(instance: list[Any], path: str) -> list[Violation]:
        issues = []
        if low is not None and len(instance) < low:
            issues.append(Violation(path, f"must have at least {low} items"))
        if high is not None and len(instance) > high:
            issues.append(Violation(path, f"must have at most {high} items"))
        if items is not None:
            for position, item in enumerate(instance):
                issues += items(item, f"{path}[{position}]")
        return issues

    return check


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


# ASCII digits only (`\d` would take an Arabic-Indic one), and no more than int() converts
# (Python refuses longer ones, to bound the work): a 5,000-digit `limit` is refused here
# instead of failing inside int(). Shorter ones are fine, however large: the contract sets
# no maximum, and an offset past every item is simply an empty page.
MAX_INTEGER_DIGITS = 4300
INTEGER_TEXT = re.compile(r"[+-]?[0-9]+", re.ASCII)
NUMBER_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)


def coerce_text(schema: Schema, text: str) -> tuple[object, str | None]:
    """Turn a query or path value into the type `schema` names; (value, issue or None)."""
    expected = schema.get("type", "string")
    if expected == "integer":
        if not INTEGER_TEXT.fullmatch(text):
            return text, f"must be an integer, not {_shown(text)}"
        if len(text.lstrip("+-")) > MAX_INTEGER_DIGITS:
            return text, f"must be an integer of at most {MAX_INTEGER_DIGITS} digits"
        return int(text), None
    if expected == "number":
        number = float(text) if len(text) <= 64 and NUMBER_TEXT.fullmatch(text) else math.nan
        if not math.isfinite(number):
            return text, f"must be a finite number, not {_shown(text)}"
        return number, None
    if expected == "boolean":
        lowered = text.lower()
        if lowered not in ("true", "false"):
            return text, f"must be true or false, not {_shown(text)}"
        return lowered == "true", None
    return text, None


def _shown(text: str) -> str:
    """The offending value for a message, cut so a huge one does not fill the answer."""
    return repr(text) if len(text) <= 40 else repr(text[:40]) + "..."
