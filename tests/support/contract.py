"""Checks responses against an API's openapi.yaml with the reference jsonschema implementation.

Each hosted API has its contract and the prefix its paths are served under; `operation_for`
finds the operation a request path belongs to in any of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import jsonschema

from mock_server.apis.agentwork.contract import CONTRACT_PATH as AGENTWORK_CONTRACT
from mock_server.apis.sema4.contract import openapi_path
from mock_server.core.openapi import Contract, Operation, load_contract

JSON_TYPES = ("application/json",)


@dataclass(frozen=True)
class Route:
    operation: Operation
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class ApiContract:
    """One API's contract and the prefix (a regex) its paths are served under."""

    name: str
    path: Path
    prefix: str

    @cached_property
    def contract(self) -> Contract:
        return load_contract(self.path)

    @cached_property
    def routes(self) -> tuple[Route, ...]:
        found = []
        for operation in self.contract.operations:
            regex = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(operation.path.rstrip("/")))
            # With or without a trailing slash: which form is served is the server's business.
            found.append(Route(operation, re.compile(f"^{regex}/?$")))
        return tuple(found)

    def operation_for(self, method: str, path: str) -> Operation | None:
        """The operation a request path maps to, or None outside this API."""
        stripped, count = re.subn(f"^{self.prefix}", "", path, count=1)
        if not count:
            return None
        matching = [route for route in self.routes if route.pattern.match(stripped)]
        concrete = [route for route in matching if "{" not in route.operation.path]
        for route in concrete or matching:  # OpenAPI matches concrete paths first
            if route.operation.method == method:
                return route.operation
        return None


SEMA4 = ApiContract("sema4", openapi_path(), r"(/tenants/[^/]+)?/api/v[12]")
AGENTWORK = ApiContract("agentwork", AGENTWORK_CONTRACT, r"/api/v1")
CONTRACTS = (SEMA4, AGENTWORK)


@cache
def contract() -> Contract:
    """The Sema4 contract (the first API's), which most tests are about."""
    return SEMA4.contract


def operation_for(method: str, path: str) -> Operation | None:
    """The operation of any hosted API's contract a request path maps to, or None."""
    for api in CONTRACTS:
        operation = api.operation_for(method, path)
        if operation is not None:
            return operation
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


def check_response(operation: Operation, status: int, content_type: str | None, body: Any) -> None:
    """Raise AssertionError unless the response is one the contract documents, exactly.

    A JSON body is validated against the closed schema; other media types (a downloaded
    file) only need to be the documented one.
    """
    documented: Mapping[str, Any] = operation.responses
    assert str(status) in documented, (
        f"{operation.operation_id} answered {status}, documented: {sorted(documented)}"
    )
    content = documented[str(status)].get("content", {})
    assert content_type in content, f"{operation.operation_id} {status}: {content_type}"
    if content_type in JSON_TYPES:
        schema = closed(content[content_type]["schema"])
        jsonschema.validate(body, schema, cls=jsonschema.Draft202012Validator)
