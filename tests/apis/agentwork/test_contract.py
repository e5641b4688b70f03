"""Agentwork's openapi.yaml: valid OpenAPI 3.1, in the API's envelope, readable by our parser."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from mock_server.apis.agentwork.contract import CONTRACT_PATH as SPEC
from mock_server.core.openapi import Contract, load_contract
from mock_server.core.schema import SUPPORTED_KEYWORDS

AUTH_OPERATIONS = {"registerAccount", "createApiKey"}
PUBLIC_OPERATIONS = AUTH_OPERATIONS | {"downloadResultFile"}
ERROR_SCHEMAS = {"Error", "ValidationError", "ServerError"}


@pytest.fixture(scope="module")
def contract() -> Contract:
    return load_contract(SPEC)


def test_the_spec_lints_clean():
    document, _ = read_from_filename(str(SPEC))

    validate(document)


def test_the_spec_linter_command_accepts_it():
    result = subprocess.run(
        [sys.executable, "-m", "openapi_spec_validator", str(SPEC)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_is_openapi_3_1(contract):
    assert contract.document["openapi"].startswith("3.1")


def test_it_has_every_documented_operation(contract):
    served = {(op.method, op.path) for op in contract.operations}

    assert served == {
        ("POST", "/auth/register"),
        ("POST", "/auth/api-key"),
        ("POST", "/tasks/"),
        ("GET", "/tasks/"),
        ("GET", "/tasks/{task_id}"),
        ("GET", "/tasks/{task_id}/result"),
        ("GET", "/tasks/{task_id}/events"),
        ("POST", "/tasks/{task_id}/message"),
        ("POST", "/tasks/{task_id}/spec-status"),
        ("POST", "/tasks/{task_id}/solution-status"),
        ("POST", "/tasks/{task_id}/cancel"),
        ("GET", "/files/{file_id}"),
    }


def test_auth_and_downloads_need_no_key_and_every_task_operation_does(contract):
    for path, item in contract.document["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            if operation["operationId"] in PUBLIC_OPERATIONS:
                assert operation["security"] == [], path
            else:
                assert "security" not in operation, path  # the global bearerAuth
                assert "401" in operation["responses"], path


def _schema_name(response: dict[str, Any], document: dict[str, Any]) -> str:
    if "$ref" in response:
        name = response["$ref"].rsplit("/", 1)[-1]
        response = document["components"]["responses"][name]
    ref: str = response["content"]["application/json"]["schema"]["$ref"]
    return ref.rsplit("/", 1)[-1]


def test_every_error_answer_is_in_the_api_envelope_and_every_operation_documents_500(contract):
    document = contract.document
    for item in document["paths"].values():
        for method, operation in item.items():
            if method == "parameters":
                continue
            responses = operation["responses"]
            assert _schema_name(responses["500"], document) == "ServerError"
            for status, response in responses.items():
                if not status.startswith("2"):
                    assert _schema_name(response, document) in ERROR_SCHEMAS, status
            if "422" in responses:
                assert _schema_name(responses["422"], document) == "ValidationError"


def _keywords(schema: Any, found: set[str]) -> None:
    if isinstance(schema, dict):
        for key, value in schema.items():
            found.add(key)
            if key == "properties":
                for child in value.values():
                    _keywords(child, found)
            elif key in ("items", "additionalProperties") and isinstance(value, dict):
                _keywords(value, found)


def test_request_schemas_use_only_keywords_the_validator_implements(contract):
    found: set[str] = set()
    for operation in contract.operations:
        for schema in operation.body_schemas.values():
            _keywords(schema, found)
        for parameter in operation.parameters:
            _keywords(parameter.schema, found)

    assert {word for word in found if not word.startswith("x-")} - SUPPORTED_KEYWORDS == set()


@pytest.mark.parametrize(
    "pointer",
    [
        "paths./tasks/{task_id}/spec-status.post",
        "paths./files/{file_id}.get",
        "components.parameters.PreferScenario",
        "components.responses.UnprocessableEntity",
        "components.responses.CreditsExhausted",
        "components.responses.NotCompleted",
        "components.schemas.Timestamp",
        "components.schemas.StructuredQuestion",
        "components.schemas.RegisterRequest.properties.name",
        "components.schemas.Task.properties.spec",
        "components.schemas.TaskEvent.properties.type",
    ],
)
def test_what_the_reference_does_not_state_is_marked_inferred(contract, pointer):
    node: Any = contract.document
    for part in pointer.split("."):
        node = node[part]

    assert node["x-inferred"].strip()
