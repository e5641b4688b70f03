"""An emulator in a background thread, for any test framework; the pytest plugin is built on it."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.serving import BaseWSGIServer

from mock_server.client import ControlClient, JsonObject
from mock_server.core.clock import ClockMode
from mock_server.http.devserver import make_deadline_server
from mock_server.http.limits import ReadLimits

DEFAULT_SEED = 1234
__all__ = [
    "DEFAULT_SEED",
    "ClockMode",
    "RunningEmulator",
    "WorkItemsMock",
    "clock_mode_of",
    "running_emulator",
    "start_emulator",
]


def clock_mode_of(value: ClockMode | str) -> ClockMode:
    """A ClockMode from itself or its text, or ValueError listing the modes."""
    try:
        return ClockMode(value)
    except ValueError:
        modes = ", ".join(m.value for m in ClockMode)
        raise ValueError(f"clock_mode must be one of {modes}, not {value!r}") from None


@dataclass(frozen=True)
class WorkItemsMock:
    """What a test needs to point its own client at the emulator and steer it."""

    base_url: str  # the server root
    api_url: str  # where a client is pointed: base_url + the first API's path (/api/v1, say)
    api_key: str
    readonly_key: str
    agent_id: str
    control: ControlClient
    apis: Mapping[str, JsonObject] = field(default_factory=dict)  # each API's /_mock/apis entry

    def api(self, name: str) -> JsonObject:
        """One hosted API's entry of `/_mock/apis`: base_url, api_key, contract_url..."""
        if name not in self.apis:
            raise KeyError(f"API {name!r} is not served; served: {', '.join(self.apis)}")
        return self.apis[name]

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    def advance(self, seconds: float) -> Any:
        """Shorthand for control.advance: move time and run everything that falls due."""
        return self.control.advance(seconds)


@dataclass(frozen=True)
class BackgroundServer:
    """A Flask app served on a free loopback port by werkzeug's threaded server."""

    app: Flask
    server: BaseWSGIServer
    thread: threading.Thread

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


class _LateApp:
    """Lets the server bind its port before the app (which must know the port) exists."""

    app: Flask | None = None

    def __call__(self, environ: Any, start_response: Any) -> Any:
        assert self.app is not None
        return self.app(environ, start_response)

    def new_error_id(self) -> str:
        """The app's error ids, for refusals the server makes before the app sees a request."""
        emulator = self.app.extensions.get("workitems_mock") if self.app else None
        return str(emulator.new_error_id()) if emulator else str(uuid.uuid4())


def serve_in_background(
    build: Callable[[int], Flask], limits: ReadLimits | None = None
) -> BackgroundServer:
    """Bind a free loopback port, build the app for it (`build(port)`), serve from a thread.

    Each connection has its own thread, with read deadlines (`http/devserver.py`): a client
    that stalls mid-request costs only its own connection, and only for a while.
    """
    holder = _LateApp()
    server = make_deadline_server("127.0.0.1", 0, holder, limits, holder.new_error_id)
    app = build(server.server_port)
    holder.app = app
    thread = threading.Thread(target=server.serve_forever, name="workitems-mock", daemon=True)
    thread.start()
    return BackgroundServer(app, server, thread)


class RunningEmulator:
    """An emulator in the background, with what a test needs to use and reset it."""

    def __init__(self, served: BackgroundServer, mock: WorkItemsMock) -> None:
        self.served, self.mock = served, mock
        self.pristine: JsonObject = mock.control.export_state(include_secrets=True)

    def restore(self) -> WorkItemsMock:
        """Back to the state it started in: items, clock, ids, deliveries, faults, journal."""
        self.mock.control.import_state(self.pristine)
        return self.mock

    def stop(self) -> None:
        self.served.stop()
        self.served.app.extensions["workitems_mock"].stop()


def start_emulator(
    *,
    fixtures_dir: Path | None = None,
    seed: int | None = DEFAULT_SEED,
    clock_mode: ClockMode | str = ClockMode.MANUAL,
    profiles: Mapping[str, str] | None = None,
) -> RunningEmulator:
    """Start an emulator (manual clock unless told otherwise); call `stop()` when done.

    `clock_mode` takes a ClockMode or its value as text ("manual", "real"); `profiles` maps
    an API to the profile to serve it as (`{"<api>": "<profile>"}`)."""
    from mock_server.app import create_app
    from mock_server.settings import Settings

    clock_mode = clock_mode_of(clock_mode)
    chosen = tuple((profiles or {}).items())

    def build(port: int) -> Flask:
        settings = Settings(
            port=port, fixtures_dir=fixtures_dir, seed=seed, clock_mode=clock_mode,
            profiles=chosen,
        )  # fmt: skip
        return create_app(settings)

    served = serve_in_background(build)
    # The timetable runs on its own whenever the clock is real (from the start, or once the
    # control plane switches it); on manual time only `advance` moves it.
    served.app.extensions["workitems_mock"].start()
    apis = {
        name: api.describe() for name, api in served.app.extensions["workitems_mock"].apis.items()
    }
    first = next(iter(apis.values()))  # the first-ranked API fills the top-level fields
    mock = WorkItemsMock(
        base_url=served.base_url,
        api_url=first["base_url"],
        api_key=first.get("api_key") or "",
        readonly_key=first.get("readonly_key") or "",
        agent_id=first.get("agent_id") or "",
        control=ControlClient(served.base_url),
        apis=apis,
    )
    return RunningEmulator(served, mock)


@contextmanager
def running_emulator(
    *,
    fixtures_dir: Path | None = None,
    seed: int | None = DEFAULT_SEED,
    clock_mode: ClockMode | str = ClockMode.MANUAL,
    profiles: Mapping[str, str] | None = None,
) -> Iterator[WorkItemsMock]:
    """`with running_emulator() as mock:` for unittest, scripts and other frameworks."""
    running = start_emulator(
        fixtures_dir=fixtures_dir, seed=seed, clock_mode=clock_mode, profiles=profiles
    )
    try:
        yield running.mock
    finally:
        running.stop()
