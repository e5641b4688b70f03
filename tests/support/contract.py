"""Checks responses against a profile's contract with the reference jsonschema implementation."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import jsonschema

from mock_server.apis.sema4.contract import openapi_path
from mock_server.core.openapi import Contract, Operation, load_contract

PREFIX = re.compile(r"^(?:(/tenants/[^/]+)?/api/v[12]|/api/public/v1)")
DOCUMENTED = "documented"


@cache
def contract(profile: str = DOCUMENTED) -> Contract:
    """The contract of `profile`: openapi.yaml, or the document derived from it."""
    return load_contract(openapi_path(profile))


@dataclass(frozen=True)
class Route:
    operation: Operation
    pattern: re.Pattern[str]


@cache
def routes(profile: str = DOCUMENTED) -> tuple[Route, ...]:
    found = []
    for operation in contract(profile).operations:
        regex = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(operation.path))
        if operation.path == "/work-items":
            regex += "/?"
        found.append(Route(operation, re.compile(f"^{regex}$")))
    return tuple(found)


def operation_for(method: str, path: str, profile: str = DOCUMENTED) -> Operation | None:
    """The contract operation an API request path maps to, or None outside the API."""
    stripped = PREFIX.sub("", path, count=1)
    if stripped == path:
        return None
    matching = [route for route in routes(profile) if route.pattern.match(stripped)]
    concrete = [route for route in matching if "{" not in route.operation.path]
    for route in concrete or matching:  # OpenAPI matches concrete paths before templated ones
        if route.operation.method == method:
            return route.operation
    return None


def closed(schema: Any) -> Any:
    """The schema with every object closed, so the emulator cannot add undocumented fields."""
    if isinstance(schema, dict):
        result = {key: closed(value) for key, value in schema.items()}
        if result.get("type") == "object" and "properties" in result:
            result.setdefault("additionalProperties", False)
        return result
    if isinstance(schema, list):
        return [closed(item) for item in schema]
    return schema


FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER


def check_response(operation: Operation, status: int, content_type: str | None, body: Any) -> None:
    """Raise AssertionError unless the response is one the contract documents, exactly."""
    documented: Mapping[str, Any] = operation.responses
    assert str(status) in documented, (
        f"{operation.operation_id} answered {status}, documented: {sorted(documented)}"
    )
    content = documented[str(status)].get("content", {})
    assert content_type in content, f"{operation.operation_id} {status}: {content_type}"
    schema = closed(content[content_type]["schema"])
    jsonschema.validate(body, schema, cls=jsonschema.Draft202012Validator, format_checker=FORMATS)


def check_exchange(profile: str, method: str, path: str, status: int, mimetype: str | None,
                   body: Any) -> None:  # fmt: skip
    """Check one answer of the API against `profile`'s contract (nothing outside the API)."""
    operation = operation_for(method, path, profile)
    if operation is not None:
        check_response(operation, status, mimetype, body)
