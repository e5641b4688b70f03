"""Threada's openapi.yaml: valid OpenAPI 3.1, every inference marked, the seed's requests valid."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from mock_server.core.openapi import Contract, Operation, load_contract
from mock_server.core.schema import SUPPORTED_KEYWORDS
from mock_server.core.schema import validate as our_validate
from tests.apis.threada.seed import SEED_BASE_URL, curl_examples, parse_curl

SPEC = Path(__file__).resolve().parents[3] / "mock_server" / "apis" / "threada" / "openapi.yaml"
SCOPES = {
    "workitems:read", "workitems:write", "workflow:manage", "actions:execute", "telemetry:read",
}  # fmt: skip
CATEGORIES = ["validation", "authorization", "policy", "execution"]


@cache
def contract() -> Contract:
    return load_contract(SPEC)


def operation(method: str, path: str) -> Operation:
    for candidate in contract().operations:
        if candidate.method == method and candidate.path == path:
            return candidate
    raise AssertionError(f"{method} {path} is not in the contract")


def test_the_spec_lints_clean_and_is_openapi_3_1():
    document, _ = read_from_filename(str(SPEC))

    validate(document)
    assert document["openapi"].startswith("3.1")


def test_the_spec_linter_command_accepts_the_file():
    result = subprocess.run(
        [sys.executable, "-m", "openapi_spec_validator", str(SPEC)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_operations_are_the_ones_the_issue_lists():
    found = {(op.method, op.path): op.operation_id for op in contract().operations}

    assert found == {
        ("POST", "/work-items"): "createWorkItem",
        ("GET", "/work-items"): "listWorkItems",
        ("GET", "/work-items/{work_item_id}"): "getWorkItem",
        ("POST", "/work-items/{work_item_id}/approve"): "approveWorkItem",
        ("POST", "/work-items/{work_item_id}/reject"): "rejectWorkItem",
        ("POST", "/work-items/{work_item_id}/escalate"): "escalateWorkItem",
        ("POST", "/actions/execute"): "executeAction",
        ("GET", "/actions/executions/{execution_id}"): "getExecution",
        ("GET", "/telemetry/export"): "exportTelemetry",
    }


def _scopes(operation_id: str) -> list[list[str]]:
    for item in contract().document["paths"].values():
        for spec in item.values():
            if isinstance(spec, dict) and spec.get("operationId") == operation_id:
                return [scopes for option in spec["security"] for scopes in option.values()]
    raise KeyError(operation_id)


def test_every_operation_names_its_scopes_from_the_documented_set():
    for op in contract().operations:
        options = _scopes(op.operation_id)
        assert options, op.operation_id
        assert all(len(scopes) == 1 and set(scopes) <= SCOPES for scopes in options)
    assert _scopes("createWorkItem") == [["workitems:write"]]
    assert _scopes("approveWorkItem") == [["workflow:manage"]]
    assert _scopes("executeAction") == [["actions:execute"]]
    assert _scopes("exportTelemetry") == [["telemetry:read"]]


def test_every_error_answer_has_the_categories_a_reason_and_the_correlation_id():
    for op in contract().operations:
        assert {"401", "403", "500"} <= set(op.responses), op.operation_id
        for status, response in op.responses.items():
            if status.startswith("2"):
                continue
            schema = response["content"]["application/json"]["schema"]
            error = schema["properties"]["error"]
            assert error["required"] == ["type", "code", "message", "correlation_id"]
            assert error["properties"]["type"]["enum"] == CATEGORIES
            assert response["headers"]["X-Correlation-Id"]["required"] is True


def _inferred(node: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "x-inferred":
                yield where, value
            else:
                yield from _inferred(value, f"{where}/{key}")
    elif isinstance(node, list):
        for position, value in enumerate(node):
            yield from _inferred(value, f"{where}/{position}")


def test_every_inference_is_marked_with_a_one_line_reason():
    marks = list(_inferred(contract().document))

    assert len(marks) > 40
    for where, reason in marks:
        assert isinstance(reason, str), where
        assert reason.strip()
        assert "\n" not in reason, where


def test_the_documented_elements_are_not_marked_inferred():
    document = contract().document
    create = document["paths"]["/work-items"]["post"]
    execute = document["paths"]["/actions/execute"]["post"]
    schemas = document["components"]["schemas"]

    assert "x-inferred" not in create
    assert "x-inferred" not in execute
    assert "x-inferred" not in schemas["ErrorEnvelope"]
    assert "x-inferred" not in schemas["ExecuteActionRequest"]
    for name in ("work_item_id", "status", "workflow_id"):
        assert "x-inferred" not in schemas["WorkItem"]["properties"][name]
    for name in ("execution_id", "status", "idempotency_key"):
        assert "x-inferred" not in schemas["Execution"]["properties"][name]


def _keywords(schema: Any, found: set[str]) -> None:
    if isinstance(schema, dict):
        for key, value in schema.items():
            found.add(key)
            if key == "properties":
                for child in value.values():
                    _keywords(child, found)
            elif key in ("items", "additionalProperties") and isinstance(value, dict):
                _keywords(value, found)


def test_request_schemas_use_only_keywords_the_validator_implements():
    found: set[str] = set()
    for op in contract().operations:
        for schema in op.body_schemas.values():
            _keywords(schema, found)
        for parameter in op.parameters:
            _keywords(parameter.schema, found)

    assert {k for k in found if not k.startswith("x-")} - SUPPORTED_KEYWORDS == set()


EXAMPLES = curl_examples()


def test_the_reference_has_its_two_curl_examples():
    assert [parse_curl(c).url for c in EXAMPLES] == [
        f"{SEED_BASE_URL}/work-items",
        f"{SEED_BASE_URL}/actions/execute",
    ]


@pytest.mark.parametrize("command", EXAMPLES, ids=["create", "execute"])
def test_each_curl_example_is_a_valid_request(command):
    request = parse_curl(command)
    op = operation(request.method, request.url.removeprefix(SEED_BASE_URL))
    schema = op.body_schemas[request.headers["Content-Type"]]

    assert request.headers["Authorization"].startswith("Bearer ")
    assert our_validate(schema, request.body) == []
    jsonschema.validate(request.body, schema, cls=jsonschema.Draft202012Validator)
    assert {p.name for p in op.parameters if p.required and p.location != "path"} == set()


def test_the_documented_answers_fit_the_response_schemas():
    schemas = contract().resolved["components"]["schemas"]
    created = {"work_item_id": "wi_123", "status": "new", "workflow_id": "policy_review"}
    started = {"execution_id": "ex_456", "status": "started", "idempotency_key": "idem_789"}

    jsonschema.validate(created, schemas["WorkItem"], cls=jsonschema.Draft202012Validator)
    jsonschema.validate(started, schemas["Execution"], cls=jsonschema.Draft202012Validator)
