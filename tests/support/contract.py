"""Checks responses against an API's contract with the reference jsonschema implementation.

`ContractCheck` holds one API's contract and where it is mounted; `SEMA4` is the Work Item
API's (openapi.yaml), and the module-level functions check against it, as they always have.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import jsonschema

from mock_server.apis.agentwork.contract import CONTRACT_PATH as AGENTWORK_CONTRACT
from mock_server.apis.sema4.contract import openapi_path
from mock_server.core.openapi import Contract, Operation, load_contract

PREFIX = re.compile(r"^(?:(/tenants/[^/]+)?/api/v[12]|/api/public/v1)")
DOCUMENTED = "documented"
FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER
JSON_TYPES = ("application/json",)


@dataclass(frozen=True)
class Route:
    operation: Operation
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class ContractCheck:
    """One API's contract and its mount: which operation a request is, and whether the answer
    is one the contract documents, exactly.

    `prefix` is the mount prefix every path of the API carries (None: served at the root);
    `slash_tolerant` lists contract paths also served with a trailing slash.
    """

    def check(
        self,
        operation: Operation,
        status: int,
        content_type: str | None,
        body: Any,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Raise AssertionError unless the response is one the contract documents, exactly."""
        check_response(operation, status, content_type, body, headers)
        if self.headers_documented_always and headers is not None:
            documented = operation.responses[str(status)].get("headers", {})
            check_headers(operation, status, documented, headers)

    contract: Contract
    prefix: re.Pattern[str] | None = None
    slash_tolerant: frozenset[str] = field(default_factory=frozenset)
    # Every header a response documents must be on the answer and fit its schema (for an API
    # whose headers are promised on every answer, like a request id).
    headers_documented_always: bool = False

    @classmethod
    def load(
        cls, path: Path, prefix: str | None = None, slash_tolerant: Iterable[str] = ()
    ) -> ContractCheck:
        pattern = re.compile(prefix) if prefix is not None else None
        return cls(load_contract(path), pattern, frozenset(slash_tolerant))

    @cached_property
    def routes(self) -> tuple[Route, ...]:
        found = []
        for operation in self.contract.operations:
            tolerant = operation.path in self.slash_tolerant
            written = operation.path.rstrip("/") if tolerant else operation.path
            regex = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(written))
            if tolerant:  # served with and without the trailing slash
                regex += "/?"
            found.append(Route(operation, re.compile(f"^{regex}$")))
        return tuple(found)

    def operation_for(self, method: str, path: str) -> Operation | None:
        """The contract operation a request path maps to, or None outside the API."""
        if self.prefix is not None:
            stripped = self.prefix.sub("", path, count=1)
            if stripped == path:
                return None
            path = stripped
        matching = [route for route in self.routes if route.pattern.match(path)]
        concrete = [route for route in matching if "{" not in route.operation.path]
        for route in concrete or matching:  # OpenAPI matches concrete paths before templated
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


def check_response(
    operation: Operation,
    status: int,
    content_type: str | None,
    body: Any,
    headers: Mapping[str, str] | None = None,
) -> None:
    """Raise AssertionError unless the response is one the contract documents, exactly.

    `body` is the parsed JSON, or the text for a media type whose schema is a string (CSV,
    JSON lines); when `headers` are given, every header the answer documents as required
    must be among them.
    """
    documented: Mapping[str, Any] = operation.responses
    assert str(status) in documented, (
        f"{operation.operation_id} answered {status}, documented: {sorted(documented)}"
    )
    answer = documented[str(status)]
    content = answer.get("content", {})
    assert content_type in content, f"{operation.operation_id} {status}: {content_type}"
    if body is not None or content_type in JSON_TYPES:  # a file's bytes: its media type is all
        schema = closed(content[content_type]["schema"])
        jsonschema.validate(
            body, schema, cls=jsonschema.Draft202012Validator, format_checker=FORMATS
        )
    if headers is not None:
        present = {name.lower() for name in headers}
        for name, header in answer.get("headers", {}).items():
            if header.get("required"):
                assert name.lower() in present, f"{operation.operation_id} {status}: no {name}"


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


# -- the Sema4 Work Item API (openapi.yaml, or a profile's document derived from it) ----------


@cache
def sema4(profile: str = DOCUMENTED) -> ContractCheck:
    return ContractCheck.load(openapi_path(profile), PREFIX.pattern, ["/work-items"])


SEMA4 = sema4()


def contract(profile: str = DOCUMENTED) -> Contract:
    return sema4(profile).contract


def routes(profile: str = DOCUMENTED) -> tuple[Route, ...]:
    return sema4(profile).routes


# -- the Agentwork Tasks API (mock_server/apis/agentwork/openapi.yaml) -------------------------

AGENTWORK = ContractCheck.load(AGENTWORK_CONTRACT, r"^/api/v1", ["/tasks/"])


def default_checks(profile: str = DOCUMENTED) -> tuple[ContractCheck, ...]:
    """What the shared test client checks answers against: the APIs whose tests use it, the
    Sema4 API as the profile it is served as."""
    return (sema4(profile), AGENTWORK)


def operation_for(method: str, path: str, profile: str = DOCUMENTED) -> Operation | None:
    """The operation a request path maps to in the default contracts (Sema4's first)."""
    for check in default_checks(profile):
        operation = check.operation_for(method, path)
        if operation is not None:
            return operation
    return None


def check_exchange(
    profile: str, method: str, path: str, status: int, mimetype: str | None, body: Any
) -> None:
    """Check one answer against the default contracts, Sema4's as `profile`."""
    check_answer(default_checks(profile), method, path, status, mimetype, body, {})
