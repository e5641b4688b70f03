"""Threada tests: dispatchers the engine tests opened are closed; HTTP tests get an app whose
clients check every Threada answer against its contract."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mock_server import create_app
from mock_server.core.clock import Clock
from mock_server.settings import Settings
from tests.apis.threada.engine_support import OPEN_DISPATCHERS
from tests.apis.threada.http_support import DEV, ThreadaClient, client_for


@pytest.fixture(autouse=True)
def _close_dispatchers() -> Iterator[None]:
    yield
    while OPEN_DISPATCHERS:
        OPEN_DISPATCHERS.pop().close()


@pytest.fixture
def app(settings: Settings, clock: Clock) -> Iterator[Flask]:
    app = create_app(settings, clock=clock)
    app.test_client_class = ThreadaClient
    yield app
    app.extensions["workitems_mock"].stop()


@pytest.fixture
def http(app: Flask) -> FlaskClient:
    """Every scope, in tenant acme."""
    return client_for(app, DEV)


@pytest.fixture
def key(app: Flask) -> Callable[..., FlaskClient]:
    """A client with another key (and optionally an X-Tenant-Id)."""

    def make(secret: str | None, tenant: str | None = None) -> FlaskClient:
        return client_for(app, secret, tenant)

    return make


@pytest.fixture
def tick(app: Flask) -> Callable[[float], dict[str, Any]]:
    """Advance the emulator clock through the control plane."""
    control = app.test_client()

    def advance(seconds: float) -> dict[str, Any]:
        response = control.post("/_mock/clock/advance", json={"seconds": seconds})
        assert response.status_code == 200, response.json
        result: dict[str, Any] = response.get_json()
        return result

    return advance
