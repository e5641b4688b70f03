"""Agentwork test fixtures: the shipped fixture set, a scratch copy to break, an HTTP client."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from mock_server.resources import default_fixtures_dir

DEV_KEY = "aw_live_LocalDevKey0000000000000000000"
TEAMMATE_KEY = "aw_live_LocalTeammateKey000000000000000"
ACME_KEY = "aw_live_AcmeDevKey00000000000000000000"
API = "/api/v1"


def shipped_fixtures() -> Path:
    return default_fixtures_dir() / "agentwork"


@pytest.fixture
def fixtures_copy(tmp_path: Path) -> Path:
    target = tmp_path / "agentwork"
    shutil.copytree(shipped_fixtures(), target)
    return target


def body_of(response: TestResponse) -> Any:
    """The JSON document answered (None when the answer is not JSON)."""
    return response.json


class Agentwork:
    """An Agentwork client over the test client: every answer is checked against the contract
    by the root conftest's ContractClient."""

    def __init__(self, client: FlaskClient, key: str | None = DEV_KEY) -> None:
        self.client = client
        self.key = key

    def as_(self, key: str | None) -> Agentwork:
        return Agentwork(self.client, key)

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        found = {"Authorization": f"Bearer {self.key}"} if self.key else {}
        return {**found, **(extra or {})}

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        return self.client.get(
            API + path, headers=self.headers(kwargs.pop("headers", None)), **kwargs
        )

    def post(self, path: str, body: Any = None, **kwargs: Any) -> TestResponse:
        headers = self.headers(kwargs.pop("headers", None))
        if body is None:
            return self.client.post(API + path, headers=headers, **kwargs)
        return self.client.post(API + path, json=body, headers=headers, **kwargs)

    def create(self, scenario: str | None = "straight_through", title: str = "Build a page") -> str:
        headers = {"Prefer": f"scenario={scenario}"} if scenario else {}
        response = self.post(
            "/tasks/", {"title": title, "description": "A landing page."}, headers=headers
        )
        assert response.status_code == 201, response.json
        task_id: str = body_of(response)["task_id"]
        return task_id

    def task(self, task_id: str) -> dict[str, Any]:
        response = self.get(f"/tasks/{task_id}")
        assert response.status_code == 200, response.json
        body: dict[str, Any] = body_of(response)
        return body

    def status(self, task_id: str) -> str:
        return str(self.task(task_id)["status"])

    def events(self, task_id: str) -> list[dict[str, Any]]:
        response = self.get(f"/tasks/{task_id}/events")
        assert response.status_code == 200, response.json
        events: list[dict[str, Any]] = body_of(response)["events"]
        return events


@pytest.fixture
def aw(app: Flask) -> Agentwork:
    """Agentwork as the local developer (dev@example.com) calls it."""
    return Agentwork(app.test_client())


def refusal(response: TestResponse, status: int) -> str:
    """The `detail` of an error answered in Agentwork's envelope, after checking both."""
    assert response.status_code == status, response.json
    body = body_of(response)
    assert set(body) == {"status_code", "detail"}, body
    assert body["status_code"] == status
    detail: str = body["detail"]
    return detail
