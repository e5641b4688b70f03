"""Webhook tests run the emulator app with short timeouts and a manual clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from mock_server import create_app
from mock_server.core.clock import Clock, ClockMode
from mock_server.settings import Settings
from tests.conftest import START, ContractClient


@pytest.fixture
def settings() -> Settings:
    return Settings(seed=7, clock_mode=ClockMode.MANUAL, webhook_timeout_seconds=0.5)


@pytest.fixture
def app(settings: Settings, clock: Clock) -> Iterator[Flask]:
    app = create_app(settings, clock=clock)
    app.test_client_class = ContractClient
    yield app
    app.extensions["workitems_mock"].stop()


__all__ = ["START"]
