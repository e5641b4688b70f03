"""DocLD's openapi.yaml lints clean and keeps the conventions every answer relies on."""

from __future__ import annotations

from typing import Any

from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from mock_server.apis.docld.spec import CONTRACT_PATH, load
from mock_server.core.schema import SUPPORTED_KEYWORDS

ERROR_TYPES = [
    "invalid_request_error",
    "authentication_error",
    "not_found_error",
    "rate_limit_error",
    "api_error",
]


def _operations() -> list[Any]:
    return list(load().operations)


def test_the_contract_lints_clean_as_openapi_3_1():
    document, _ = read_from_filename(str(CONTRACT_PATH))

    validate(document)
    assert document["openapi"].startswith("3.1")


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
    for operation in _operations():
        for schema in operation.body_schemas.values():
            _keywords(schema, found)
        for parameter in operation.parameters:
            _keywords(parameter.schema, found)

    assert found - SUPPORTED_KEYWORDS == set()


def test_every_error_answer_is_the_documented_envelope_with_five_types():
    for operation in _operations():
        for status, response in operation.responses.items():
            if status.startswith("2"):
                continue
            schema = response["content"]["application/json"]["schema"]
            error = schema["properties"]["error"]
            assert schema["required"] == ["error"], (operation.operation_id, status)
            assert error["required"] == ["type", "message", "code"]
            assert error["properties"]["type"]["enum"] == ERROR_TYPES


def test_every_answer_carries_a_request_id_and_authenticated_ones_the_rate_limit():
    for operation in _operations():
        for status, response in operation.responses.items():
            headers = response.get("headers", {})
            assert "x-request-id" in headers, (operation.operation_id, status)
            if operation.operation_id != "getHealth" and status not in ("401", "500"):
                assert "X-RateLimit-Remaining" in headers, (operation.operation_id, status)


def test_429_documents_retry_after_and_every_keyed_operation_documents_401_and_429():
    for operation in _operations():
        if operation.operation_id == "getHealth":
            assert "401" not in operation.responses
            continue
        assert {"401", "429", "500"} <= set(operation.responses), operation.operation_id
        assert "Retry-After" in operation.responses["429"]["headers"]


def test_every_inference_marker_gives_a_reason():
    def markers(node: Any) -> list[Any]:
        if isinstance(node, dict):
            found = [node["x-inferred"]] if "x-inferred" in node else []
            return found + [m for value in node.values() for m in markers(value)]
        if isinstance(node, list):
            return [m for value in node for m in markers(value)]
        return []

    found = markers(load().document)

    assert len(found) > 10
    assert all(isinstance(reason, str) and len(reason) > 10 for reason in found)
