"""Runs the emulator on granian, one worker process, state kept inside that worker."""

from __future__ import annotations

import gc
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mock_server.core.clock import ClockMode
from mock_server.settings import Settings

if TYPE_CHECKING:  # the CLI imports this module; Flask loads only in the worker
    from flask import Flask

SETTINGS_ENV = "WORKITEMS_MOCK_SETTINGS"
# One request thread: handlers never wait on I/O, so more threads only contend for the GIL.
# Measured with wrk (BENCHMARKS.md): with 2 or 4 threads GET stalled for 0.3-1.5 s now and
# then (p99 up to 950 ms at 32 connections); with 1 thread p99 stayed in single-digit ms at
# equal or higher throughput. `--threads N` still raises it.
DEFAULT_THREADS = 1


def settings_to_env(settings: Settings) -> str:
    fields = asdict(settings)
    fields["fixtures_dir"] = str(settings.fixtures_dir) if settings.fixtures_dir else None
    return json.dumps(fields)


def settings_from_env(text: str) -> Settings:
    fields: dict[str, Any] = json.loads(text)
    if fields.get("fixtures_dir"):
        fields["fixtures_dir"] = Path(fields["fixtures_dir"])
    fields["clock_mode"] = ClockMode(fields["clock_mode"])
    return Settings(**fields)


def load_app_from_env() -> Flask:
    """Granian's target loader: builds the app inside the worker process."""
    from mock_server.app import create_app

    app = create_app(settings_from_env(os.environ[SETTINGS_ENV]))
    app.extensions["workitems_mock"].start()
    # Everything built so far lives as long as the worker. Frozen, the cyclic collector stops
    # rescanning it: each full collection skips ~45k start-up objects (~9 ms of pause).
    gc.collect()
    gc.freeze()
    return app


def granian_options(host: str, port: int, threads: int) -> dict[str, Any]:
    """How `serve` runs granian; the benchmarks run their hello-world ceiling with the same."""
    from granian.constants import Interfaces
    from granian.log import LogLevels

    return {
        "address": host,
        "port": port,
        "interface": Interfaces.WSGI,
        "workers": 1,  # state lives in one process: a second worker would see other items
        "blocking_threads": threads,
        "log_level": LogLevels.warning,
    }


def serve(settings: Settings, *, threads: int = DEFAULT_THREADS) -> None:
    """Serve until interrupted; granian handles Ctrl-C and stops the worker cleanly."""
    from granian import Granian

    os.environ[SETTINGS_ENV] = settings_to_env(settings)
    server = Granian(
        "mock_server.serving:load_app_from_env",
        **granian_options(settings.host, settings.port, threads),
    )
    server.serve(target_loader=load_app_from_env, wrap_loader=False)
