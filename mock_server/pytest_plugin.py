"""pytest plugin: `workitems_mock` and `workitems_inbox` fixtures backed by a live emulator.

One emulator runs per test session in a background thread on a free loopback port, on a
manual clock. Before each test it is put back to the state it started in (work items, clock,
ids, deliveries, faults, journal, inboxes), so tests never see each other's traffic.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import BaseWSGIServer, make_server

from mock_server.client import Capture, ControlClient, JsonObject
from mock_server.core.clock import ClockMode

DEFAULT_SEED = 1234


@dataclass(frozen=True)
class WorkItemsMock:
    """What a test needs to point its own client at the emulator and steer it."""

    base_url: str  # the server root
    api_url: str  # base_url + "/api/v1": what a client calls `https://{endpoint_url}/api/v1`
    api_key: str
    readonly_key: str
    agent_id: str
    control: ControlClient

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    def advance(self, seconds: float) -> Any:
        """Shorthand for control.advance: move time and run everything that falls due."""
        return self.control.advance(seconds)


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


@dataclass
class _Session:
    server: BaseWSGIServer
    thread: threading.Thread
    mock: WorkItemsMock
    pristine: JsonObject


class _LateApp:
    """Lets the server bind its port before the app (which must know the port) exists."""

    app: Callable[..., Any] | None = None

    def __call__(self, environ: Any, start_response: Any) -> Any:
        assert self.app is not None
        return self.app(environ, start_response)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("workitems_mock_fixtures", "fixtures directory for the workitems_mock emulator")
    parser.addini("workitems_mock_seed", "id seed for the workitems_mock emulator", default="1234")


def _start(config: pytest.Config) -> _Session:
    from mock_server.app import create_app
    from mock_server.settings import Settings

    holder = _LateApp()
    server = make_server("127.0.0.1", 0, holder, threaded=True)
    fixtures = config.getini("workitems_mock_fixtures")
    settings = Settings(
        port=server.server_port,
        fixtures_dir=Path(fixtures) if fixtures else None,
        seed=int(config.getini("workitems_mock_seed") or DEFAULT_SEED),
        clock_mode=ClockMode.MANUAL,
    )
    app = create_app(settings)
    holder.app = app
    thread = threading.Thread(target=server.serve_forever, name="workitems-mock", daemon=True)
    thread.start()
    emulator = app.extensions["workitems_mock"]
    keys = emulator.fixtures.keys
    control = ControlClient(settings.base_url)
    mock = WorkItemsMock(
        base_url=settings.base_url,
        api_url=f"{settings.base_url}/api/v1",
        api_key=next(k.key for k in keys if k.can_write),
        readonly_key=next((k.key for k in keys if not k.can_write), ""),
        agent_id=emulator.fixtures.agents[0].agent_id,
        control=control,
    )
    return _Session(server, thread, mock, control.export_state())


@pytest.fixture(scope="session")
def _workitems_mock_session(pytestconfig: pytest.Config) -> Iterator[_Session]:
    session = _start(pytestconfig)
    yield session
    session.server.shutdown()
    session.server.server_close()
    session.thread.join(timeout=5)


@pytest.fixture
def workitems_mock(_workitems_mock_session: _Session) -> WorkItemsMock:
    """A running emulator, back to its starting state (manual clock) for this test."""
    _workitems_mock_session.mock.control.import_state(_workitems_mock_session.pristine)
    return _workitems_mock_session.mock


_INBOX_NUMBERS = itertools.count(1)


@pytest.fixture
def workitems_inbox(
    workitems_mock: WorkItemsMock, request: pytest.FixtureRequest
) -> WorkItemsInbox:
    """A capture inbox no other test uses; point callbacks at `.url`."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", request.node.name)[:40].strip("-") or "test"
    name = f"{slug}-{next(_INBOX_NUMBERS)}"
    return WorkItemsInbox(name, workitems_mock.control.inbox_url(name), workitems_mock.control)
