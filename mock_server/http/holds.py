"""Answers held back on purpose (latency faults, slow inboxes), without holding the server.

A view that wants its answer to leave late records how long (`hold`); the server in front
applies it. The RSGI bridge waits on its event loop, where waiting costs no request thread;
any other server (werkzeug's threaded one, Flask's test client) waits in the thread that
serves the connection, which costs only that connection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import request

from mock_server.core.clock import MAX_WALL_PAUSE, wall_pause

HOLD = "workitems_mock.hold_seconds"
ASYNC_HOLDS = "workitems_mock.async_holds"  # set by a server that applies holds itself

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def hold(seconds: float) -> None:
    """Hold this request's answer back for `seconds` more (at most a minute in all)."""
    environ = request.environ
    environ[HOLD] = min(environ.get(HOLD, 0.0) + max(seconds, 0.0), MAX_WALL_PAUSE)


def held_seconds(environ: dict[str, Any]) -> float:
    seconds: float = environ.get(HOLD, 0.0)
    return seconds


class BlockingHolds:
    """WSGI middleware: applies a hold in the calling thread, unless the server does it."""

    def __init__(self, app: WsgiApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        result = self.app(environ, start_response)
        seconds = held_seconds(environ)
        if seconds and not environ.get(ASYNC_HOLDS):
            wall_pause(seconds)
        return result
