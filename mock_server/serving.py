"""Runs the emulator on granian, one worker process, state kept inside that worker."""

from __future__ import annotations

import logging
import multiprocessing.util
import os
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask
from pydantic import TypeAdapter

from mock_server.settings import Settings

if TYPE_CHECKING:
    from mock_server.emulator import Emulator

SETTINGS_ENV = "WORKITEMS_MOCK_SETTINGS"
SETTINGS = TypeAdapter(Settings)
log = logging.getLogger("workitems_mock")


def load_app_from_env() -> Flask:
    """Granian's target loader: builds the app inside the worker process."""
    from mock_server.app import create_app

    settings = SETTINGS.validate_json(os.environ[SETTINGS_ENV])
    app = create_app(settings)
    emulator: Emulator = app.extensions["workitems_mock"]
    if settings.state_file is not None:
        _keep_state(emulator, settings.state_file)
    emulator.start()
    return app


def _keep_state(emulator: Emulator, path: Path) -> None:
    """Load the state file if there is one, and save it when the worker shuts down."""
    from mock_server.state.files import read_state_file, write_state_file
    from mock_server.state.load import apply_state

    if path.exists():  # the command line already checked it, so this load cannot be refused
        apply_state(emulator, read_state_file(path, emulator.profile))

    def save() -> None:
        write_state_file(path, emulator)
        log.warning("state saved to %s", path)

    # Granian workers are multiprocessing children: they skip atexit, but run these finalizers
    # when the worker returns after a shutdown signal.
    multiprocessing.util.Finalize(emulator, save, exitpriority=10)


def serve(settings: Settings, *, threads: int = 4) -> None:
    """Serve until interrupted; granian handles Ctrl-C and stops the worker cleanly."""
    from granian import Granian
    from granian.constants import Interfaces
    from granian.log import LogLevels

    os.environ[SETTINGS_ENV] = SETTINGS.dump_json(settings).decode()
    server = Granian(
        "mock_server.serving:load_app_from_env",
        address=settings.host,
        port=settings.port,
        interface=Interfaces.WSGI,
        workers=1,  # state lives in one process: a second worker would see other items
        blocking_threads=threads,
        log_level=LogLevels.warning,
    )
    server.serve(target_loader=load_app_from_env, wrap_loader=False)
