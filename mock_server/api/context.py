"""Typed access to the emulator behind the current Flask app."""

from __future__ import annotations

from flask import current_app

from mock_server.emulator import Emulator

EXTENSION = "workitems_mock"


def current_emulator() -> Emulator:
    emulator: Emulator = current_app.extensions[EXTENSION]
    return emulator
