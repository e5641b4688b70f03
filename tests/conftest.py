"""Shared fixtures: a manual-clock emulator app and a client that checks the contract."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from mock_server import create_app
from mock_server.core.clock import Clock, ClockMode
from mock_server.emulator import Emulator
from mock_server.hosting.context import current_emulator
from mock_server.settings import Settings
from tests.support.contract import ContractCheck, check_answer, default_checks

START = datetime(2025, 1, 15, 10, 30, tzinfo=UTC)
DEV_KEY = "local-dev-key"
READONLY_KEY = "local-readonly-key"
OTHER_TENANT_KEY = "acme-dev-key"
AGENT = "invoice_processing_agent"
SEMA4 = "sema4"


def served_profile(app: Flask) -> str:
    """The profile the app serves the Sema4 API as (its contract is what answers must meet)."""
    api = app.extensions["workitems_mock"].apis.get(SEMA4)
    return api.profile_name if api is not None else "documented"


class ContractClient(FlaskClient):
    """A test client that validates every API response against its API's contract (the
    Sema4 API's as the profile served, openapi.yaml or the document derived from it; a
    subclass names other contracts in `checks`)."""

    checks: tuple[ContractCheck, ...] = ()

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        response = super().open(*args, **kwargs)
        request = response.request
        check_answer(
            self.checks or default_checks(served_profile(self.application)),
            request.method,
            request.path,
            response.status_code,
            response.mimetype,
            response.json,
            dict(response.headers),
        )
        return response


@pytest.fixture
def clock() -> Clock:
    return Clock(ClockMode.MANUAL, start=START)


@pytest.fixture
def profile() -> str:
    """The Sema4 profile the emulator serves; a test module overrides it to serve another."""
    return "documented"


@pytest.fixture
def settings(profile: str) -> Settings:
    return Settings(seed=7, clock_mode=ClockMode.MANUAL, profiles=((SEMA4, profile),))


@pytest.fixture
def app(settings: Settings, clock: Clock) -> Flask:
    app = create_app(settings, clock=clock)
    app.test_client_class = ContractClient
    return app


@pytest.fixture
def emulator(app: Flask) -> Emulator:
    with app.app_context():
        return current_emulator()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {DEV_KEY}"
    return client


@pytest.fixture
def anonymous(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def advance(client: FlaskClient):
    """Advance the emulator clock through the control plane, as an outside client would."""

    def advance(seconds: float) -> dict[str, Any]:
        response = client.post("/_mock/clock/advance", json={"seconds": seconds})
        assert response.status_code == 200, response.json
        result: dict[str, Any] = response.get_json()
        return result

    return advance
