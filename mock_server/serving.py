"""Runs the emulator on granian, one worker process, state kept inside that worker."""

from __future__ import annotations

import gc
import logging
import multiprocessing.util
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask
from pydantic import TypeAdapter

from mock_server.settings import Settings

if TYPE_CHECKING:
    from mock_server.emulator import Emulator

SETTINGS_ENV = "WORKITEMS_MOCK_SETTINGS"
SETTINGS = TypeAdapter(Settings)
# One request thread: handlers never wait on I/O, so more threads only contend for the GIL.
# Measured with wrk (BENCHMARKS.md): with 2 or 4 threads GET stalled for 0.3-1.5 s now and
# then (p99 up to 950 ms at 32 connections); with 1 thread p99 stayed in single-digit ms at
# equal or higher throughput. `--threads N` raises it, e.g. for latency faults that must not
# hold up other calls.
DEFAULT_THREADS = 1
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
    # Everything built so far lives as long as the worker. Frozen, the cyclic collector stops
    # rescanning it: each full collection skips ~45k start-up objects (~9 ms of pause).
    gc.collect()
    gc.freeze()
    gc.callbacks.append(tenure_survivors)
    return app


def tenure_survivors(phase: str, info: dict[str, int]) -> None:
    """After each full collection, freeze what survived it, so the next one skips it.

    Why: a full collection scans every tracked object, and a work item holds four (the item,
    its messages tuple, a message, its content), so at 100k items one pause on the request
    thread took ~100-200 ms (GET p99 163 ms in one scale run; create p99 up to 155 ms). Frozen
    survivors are still freed by reference counting when dropped (replaced items, a reset);
    only a reference cycle among them would be kept, and the emulator's state holds none
    (tests/unit/test_gc_policy.py). Pauses stay under ~10 ms whatever the store's size.
    """
    if phase == "stop" and info["generation"] == 2:
        gc.freeze()


def _keep_state(emulator: Emulator, path: Path) -> None:
    """Load the state file if there is one, and save it when the worker shuts down."""
    from mock_server.state.files import read_state_file, write_state_file
    from mock_server.state.load import apply_state

    if path.exists():  # the command line already checked it, so this load cannot be refused
        apply_state(emulator, read_state_file(path, emulator))

    def save() -> None:
        write_state_file(path, emulator)
        log.warning("state saved to %s", path)

    # Granian workers are multiprocessing children: they skip atexit, but run these finalizers
    # when the worker returns after a shutdown signal.
    multiprocessing.util.Finalize(emulator, save, exitpriority=10)


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

    os.environ[SETTINGS_ENV] = SETTINGS.dump_json(settings).decode()
    server = Granian(
        "mock_server.serving:load_app_from_env",
        **granian_options(settings.host, settings.port, threads),
    )
    server.serve(target_loader=load_app_from_env, wrap_loader=False)
