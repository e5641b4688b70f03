"""pytest plugin: `workitems_mock` and `workitems_inbox` fixtures backed by a live emulator.

One emulator runs per test session in a background thread on a free loopback port, on a
manual clock. Before each test it is put back to the state it started in (work items, clock,
ids, deliveries, faults, journal, inboxes), so tests never see each other's traffic.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mock_server.client import Capture, ControlClient, JsonObject
from mock_server.testing import (
    DEFAULT_SEED,
    ClockMode,
    RunningEmulator,
    WorkItemsMock,
    start_emulator,
)

__all__ = ["ClockMode", "WorkItemsInbox", "WorkItemsMock"]


@dataclass(frozen=True)
class WorkItemsInbox:
    """A fresh capture inbox: use `url` as a callback URL, then read `requests()`."""

    name: str
    url: str
    control: ControlClient

    def configure(self, **config: Any) -> JsonObject:
        return self.control.configure_inbox(self.name, **config)

    def requests(self) -> list[Capture]:
        return self.control.inbox_requests(self.name)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("workitems_mock_fixtures", "fixtures directory for the workitems_mock emulator")
    parser.addini(
        "workitems_mock_seed", "id seed for the workitems_mock emulator", default=str(DEFAULT_SEED)
    )


@pytest.fixture(scope="session")
def _workitems_mock_session(pytestconfig: pytest.Config) -> Iterator[RunningEmulator]:
    fixtures = pytestconfig.getini("workitems_mock_fixtures")
    running = start_emulator(
        fixtures_dir=Path(fixtures) if fixtures else None,
        seed=int(pytestconfig.getini("workitems_mock_seed") or DEFAULT_SEED),
    )
    yield running
    running.stop()


@pytest.fixture
def workitems_mock(_workitems_mock_session: RunningEmulator) -> WorkItemsMock:
    """A running emulator, back to its starting state (manual clock) for this test."""
    return _workitems_mock_session.restore()


_INBOX_NUMBERS = itertools.count(1)


@pytest.fixture
def workitems_inbox(
    workitems_mock: WorkItemsMock, request: pytest.FixtureRequest
) -> WorkItemsInbox:
    """A capture inbox no other test uses; point callbacks at `.url`."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", request.node.name)[:40].strip("-") or "test"
    name = f"{slug}-{next(_INBOX_NUMBERS)}"
    return WorkItemsInbox(name, workitems_mock.control.inbox_url(name), workitems_mock.control)
