"""An emulator app in this process, answering HTTP on a free loopback port from a thread.

The suites speak HTTP only. Schemathesis 4.32's in-process WSGI transport crashes in the
engine's ignored_auth probe (`EnvironBuilder.__init__() got an unexpected keyword argument
'max_redirects'`), so in-process runs go through a socket: same app object, same process.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import Flask

from mock_server import create_app
from mock_server.core.clock import ClockMode
from mock_server.emulator import Emulator
from mock_server.hosting.context import current_emulator
from mock_server.settings import Settings
from mock_server.testing import serve_in_background

Wrap = Callable[[Flask], None]  # changes an app in place (a mutant), before it serves


@dataclass(frozen=True)
class Local:
    base_url: str
    app: Flask

    @property
    def emulator(self) -> Emulator:
        with self.app.app_context():
            return current_emulator()


@contextmanager
def local_emulator(
    wrap: Wrap | None = None,
    *,
    speed: float | None = None,
    profiles: tuple[tuple[str, str], ...] = (),
) -> Iterator[Local]:
    """An emulator (optionally mutated) serving on 127.0.0.1 until the block ends.

    Its clock is manual, or real and `speed` times as fast with the agent running on its own;
    `profiles` serves APIs in other profiles, e.g. `(("sema4", "platform"),)`.
    """
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    clock = ClockMode.MANUAL if speed is None else ClockMode.REAL

    def build(port: int) -> Flask:
        # The app must know its public URL: remote-upload URLs point back at it.
        base_url = f"http://127.0.0.1:{port}"
        settings = Settings(
            seed=7,
            clock_mode=clock,
            clock_speed=speed or 1.0,
            public_url=base_url,
            profiles=profiles,
        )
        app = create_app(settings)
        if wrap is not None:
            wrap(app)
        return app

    served = serve_in_background(build)
    local = Local(served.base_url, served.app)
    if speed is not None:
        local.emulator.start()
    try:
        yield local
    finally:
        local.emulator.stop()
        served.stop()
