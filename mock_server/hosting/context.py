"""Typed access to the emulator behind the current Flask app, and to one of its APIs."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from flask import current_app

from mock_server.core.errors import NotFound

if TYPE_CHECKING:
    from mock_server.emulator import Emulator
    from mock_server.hosting.plugin import ApiRuntime

EXTENSION = "workitems_mock"
R = TypeVar("R", bound="ApiRuntime")


def current_emulator() -> Emulator:
    emulator: Emulator = current_app.extensions[EXTENSION]
    return emulator


def current_api(name: str) -> ApiRuntime:
    """The runtime of API `name`, or NotFound naming the APIs served."""
    api = current_emulator().apis.get(name)
    if api is None:
        served = ", ".join(current_emulator().apis)
        raise NotFound(f"API {name!r} is not served here; served: {served}.", field="api")
    return api


def current_runtime(name: str, kind: type[R]) -> R:
    """The runtime of API `name` as its own class (for the API's own handlers)."""
    api = current_api(name)
    assert isinstance(api, kind)
    return api
