"""DocLD over HTTP: every API hosted on a manual clock, answers checked against DocLD's contract."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mock_server import create_app
from mock_server.apis.docld.runtime import DocldRuntime
from mock_server.apis.docld.spec import load
from mock_server.core.clock import Clock
from mock_server.emulator import Emulator
from mock_server.settings import Settings
from tests.conftest import ContractClient
from tests.support.contract import ContractCheck, sema4

KEY = "docld_5eed0000000000000000000000000001"  # local-dev, standard tier, org-local
FREE_KEY = "docld_5eed0000000000000000000000000002"  # local-free, same organization
ACME_KEY = "docld_5eed0000000000000000000000000003"  # acme-premium, org-acme
THROTTLED_KEY = "docld_5eed0000000000000000000000000004"  # 5 a minute, 20 a day
EXPIRED_KEY = "docld_5eed0000000000000000000000000005"
API = "/api"


@cache
def docld_contract() -> ContractCheck:
    return ContractCheck(load(), re.compile(r"^/api(?:/v1)?(?=/)"), headers_documented_always=True)


class DocldClient(ContractClient):
    checks = (docld_contract(), sema4())


@pytest.fixture
def settings() -> Settings:
    from mock_server.core.clock import ClockMode

    return Settings(seed=7, clock_mode=ClockMode.MANUAL, webhook_timeout_seconds=2)


@pytest.fixture
def app(settings: Settings, clock: Clock) -> Iterator[Flask]:
    app = create_app(settings, clock=clock)
    app.test_client_class = DocldClient
    yield app
    app.extensions["workitems_mock"].stop()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {KEY}"
    return client


@pytest.fixture
def docld(emulator: Emulator) -> DocldRuntime:
    api = emulator.apis["docld"]
    assert isinstance(api, DocldRuntime)
    return api


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.get_json()
    return response.get_json()


def invoice_workflow(**changes: Any) -> dict[str, Any]:
    """The documentation's create body: parse and extract PDFs as they are uploaded."""
    body: dict[str, Any] = {
        "name": "Invoice Processing",
        "description": "Automatically extract data from invoices",
        "definition": {
            "steps": [
                {"id": "parse", "type": "parse", "config": {}},
                {"id": "extract", "type": "extract", "config": {"schema_id": "invoice-schema"}},
            ]
        },
        "trigger_type": "event",
        "trigger_config": {"event": "document.uploaded", "filters": {"file_type": "pdf"}},
        "enabled": True,
    }
    body.update(changes)
    return body


def create_workflow(client: FlaskClient, **changes: Any) -> dict[str, Any]:
    result: dict[str, Any] = ok(
        client.post(f"{API}/workflows", json=invoice_workflow(**changes)), 201
    )
    return result["workflow"]


def manual_workflow(client: FlaskClient, *steps: dict[str, Any]) -> dict[str, Any]:
    definition = {"steps": list(steps) or [{"id": "parse", "type": "parse", "config": {}}]}
    return create_workflow(client, trigger_type="manual", trigger_config={}, definition=definition)
