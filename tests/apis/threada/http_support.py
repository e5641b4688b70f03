"""Threada over HTTP in tests: a client that checks every answer against its openapi.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from mock_server.apis.threada.runtime import ThreadaRuntime
from mock_server.emulator import Emulator
from tests.support.contract import ContractCheck, check_response

SPEC = Path(__file__).resolve().parents[3] / "mock_server" / "apis" / "threada" / "openapi.yaml"
THREADA = ContractCheck.load(SPEC)
TOKEN = "<token>"  # the reference's placeholder is a key, in tenant example
DEV = "threada-dev-key"  # every scope, tenant acme
SEED_BODY = {
    "workflow_id": "policy_review",
    "channel_id": "web_main",
    "payload": {"message": "Review this renewal request before approval"},
}
SEED_EXECUTE = {
    "work_item_id": "wi_123",
    "action_id": "request_approval",
    "integration_id": "int_workflow",
}


class ThreadaClient(FlaskClient):
    """A test client that validates every Threada answer against Threada's contract: the
    documented status, media type, a closed copy of the schema, and the required headers."""

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        response = super().open(*args, **kwargs)
        request = response.request
        operation = THREADA.operation_for(request.method, request.path)
        if operation is not None:
            json_answer = response.mimetype == "application/json"
            body = response.json if json_answer else response.get_data(as_text=True)
            headers = dict(response.headers.items())
            check_response(operation, response.status_code, response.mimetype, body, headers)
        return response


def client_for(app: Flask, key: str | None = DEV, tenant: str | None = None) -> FlaskClient:
    client = app.test_client()
    if key is not None:
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    if tenant is not None:
        client.environ_base["HTTP_X_TENANT_ID"] = tenant
    return client


def create(client: FlaskClient, **fields: Any) -> dict[str, Any]:
    response = client.post("/work-items", json={**SEED_BODY, **fields})
    assert response.status_code == 201, response.json
    created: dict[str, Any] = response.get_json()
    return created


def threada_of(emulator: Emulator) -> ThreadaRuntime:
    api = emulator.apis["threada"]
    assert isinstance(api, ThreadaRuntime)
    return api


def json_of(response: TestResponse) -> Any:
    """The JSON answered (None would fail the caller's first lookup anyway)."""
    return response.get_json()


def assert_error(response: TestResponse, status: int, category: str, code: str) -> dict[str, Any]:
    """The answer is Threada's envelope with this status, category and reason code, and the
    correlation id of the body in `X-Correlation-Id`."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    error: dict[str, Any] = json_of(response)["error"]
    assert (error["type"], error["code"]) == (category, code), error
    assert error["message"]
    assert error["correlation_id"]
    assert response.headers["X-Correlation-Id"] == error["correlation_id"]
    return error
