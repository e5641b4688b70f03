"""Checks responses against an API's contract with the reference jsonschema implementation."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

import jsonschema

from mock_server.apis.sema4.contract import openapi_path
from mock_server.core.openapi import Contract, Operation, load_contract


@dataclass(frozen=True)
class Route:
    operation: Operation
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class ContractCheck:
    """One API's contract, mounted under `prefix` (a regex), for checking what tests receive.

    `headers_documented_always`: every header a response documents must be on the answer and
    fit its schema (for an API whose headers are promised on every answer, like a request id).
    """

    contract: Contract
    prefix: re.Pattern[str]
    slash_tolerant: frozenset[str] = frozenset()
    headers_documented_always: bool = False

    @cached_property
    def routes(self) -> tuple[Route, ...]:
        found = []
        for operation in self.contract.operations:
            regex = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(operation.path))
            if operation.path in self.slash_tolerant:
                regex += "/?"
            found.append(Route(operation, re.compile(f"^{regex}$")))
        return tuple(found)

    def operation_for(self, method: str, path: str) -> Operation | None:
        """The operation a request path maps to, or None outside the API."""
        stripped = self.prefix.sub("", path, count=1)
        if stripped == path:
            return None
        matching = [route for route in self.routes if route.pattern.match(stripped)]
        concrete = [route for route in matching if "{" not in route.operation.path]
        for route in concrete or matching:  # OpenAPI matches concrete paths before templated
            if route.operation.method == method:
                return route.operation
        return None

    def check(
        self,
        operation: Operation,
        status: int,
        content_type: str | None,
        body: Any,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Raise AssertionError unless the response is one the contract documents, exactly."""
        documented: Mapping[str, Any] = operation.responses
        assert str(status) in documented, (
            f"{operation.operation_id} answered {status}, documented: {sorted(documented)}"
        )
        response = documented[str(status)]
        content = response.get("content", {})
        assert content_type in content, f"{operation.operation_id} {status}: {content_type}"
        schema = closed(content[content_type]["schema"])
        jsonschema.validate(body, schema, cls=jsonschema.Draft202012Validator)
        if self.headers_documented_always and headers is not None:
            check_headers(operation, status, response.get("headers", {}), headers)


def check_headers(
    operation: Operation, status: int, documented: Mapping[str, Any], headers: Mapping[str, str]
) -> None:
    """Every documented header is there, and an integer one holds an integer."""
    given = {name.lower(): value for name, value in headers.items()}
    for name, spec in documented.items():
        where = f"{operation.operation_id} {status}: header {name}"
        assert name.lower() in given, f"{where} is missing"
        if spec.get("schema", {}).get("type") == "integer":
            assert re.fullmatch(r"-?\d+", given[name.lower()]), f"{where}: {given[name.lower()]}"


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


def check_answer(
    checks: Iterable[ContractCheck],
    method: str,
    path: str,
    status: int,
    content_type: str | None,
    body: Any,
    headers: Mapping[str, str],
) -> None:
    """Check an answer against the first contract whose API the path belongs to."""
    for check in checks:
        operation = check.operation_for(method, path)
        if operation is not None:
            check.check(operation, status, content_type, body, headers)
            return


# -- the Sema4 API (the first contract; the helpers below are its) ---------------------------


@cache
def sema4() -> ContractCheck:
    return ContractCheck(
        load_contract(openapi_path()),
        re.compile(r"^(/tenants/[^/]+)?/api/v[12]"),
        frozenset({"/work-items"}),
    )


def contract() -> Contract:
    return sema4().contract


def operation_for(method: str, path: str) -> Operation | None:
    """The Sema4 operation an API request path maps to, or None outside the API."""
    return sema4().operation_for(method, path)


def check_response(operation: Operation, status: int, content_type: str | None, body: Any) -> None:
    sema4().check(operation, status, content_type, body)
