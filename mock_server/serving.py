"""Runs the emulator on granian, one worker process, state kept inside that worker."""

from __future__ import annotations

import gc
import logging
import multiprocessing.util
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from pydantic import TypeAdapter

from mock_server.http.bridge import WsgiApp, WsgiBridge
from mock_server.http.limits import ReadLimits
from mock_server.instance import PortClaim, claim_port, die_with_parent
from mock_server.settings import Settings

if TYPE_CHECKING:
    from mock_server.emulator import Emulator

SETTINGS_ENV = "WORKITEMS_MOCK_SETTINGS"
THREADS_ENV = "WORKITEMS_MOCK_THREADS"
PARENT_ENV = "WORKITEMS_MOCK_PARENT"
# Requests that may wait on something slow by design: a manual-clock advance waits for the
# webhook attempts it runs. They get a thread of their own so the event loop never waits.
WAITING_PATHS = ("/_mock/clock/",)
SETTINGS = TypeAdapter(Settings)
# One request thread: handlers never wait on I/O, so more threads only contend for the GIL.
# Measured with wrk (BENCHMARKS.md): with 2 or 4 threads GET stalled for 0.3-1.5 s now and
# then (p99 up to 950 ms at 32 connections); with 1 thread p99 stayed in single-digit ms at
# equal or higher throughput. `--threads N` raises it, e.g. for views that must run side by side.
DEFAULT_THREADS = 1
log = logging.getLogger("workitems_mock")


def read_limits(settings: Settings) -> ReadLimits:
    return ReadLimits(settings.read_timeout_seconds, settings.max_file_bytes + 64 * 1024)


def load_app_from_env() -> WsgiBridge:
    """Granian's target loader: builds the app inside the worker process."""
    from mock_server.app import create_app

    if parent := os.environ.get(PARENT_ENV):
        die_with_parent(int(parent))
    settings = SETTINGS.validate_json(os.environ[SETTINGS_ENV])
    app = create_app(settings)
    emulator: Emulator = app.extensions["workitems_mock"]
    if settings.state_file is not None:
        _keep_state(emulator, settings.state_file)
    # Runs before the state is saved (higher priority first): deliveries still in flight are
    # given up after a short grace and recorded as such, so the saved state says so.
    multiprocessing.util.Finalize(emulator, emulator.stop, exitpriority=20)
    emulator.start()
    # Everything built so far lives as long as the worker. Frozen, the cyclic collector stops
    # rescanning it: each full collection skips ~45k start-up objects (~9 ms of pause).
    gc.collect()
    gc.freeze()
    gc.callbacks.append(tenure_survivors)
    threads = int(os.environ.get(THREADS_ENV) or DEFAULT_THREADS)
    return bridge(app, threads, read_limits(settings))


def bridge(app: WsgiApp, threads: int, limits: ReadLimits | None = None) -> WsgiBridge:
    """The app as granian serves it (the benchmarks' hello-world ceiling uses the same)."""
    return WsgiBridge(app, limits or ReadLimits(), threads, WAITING_PATHS)


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
    from mock_server.state.files import (
        read_state_file,
        remove_stale_temporaries,
        write_state_file,
    )
    from mock_server.state.load import apply_state

    for leftover in remove_stale_temporaries(path):
        log.warning("removed %s, left by a save that was interrupted", leftover)
    if path.exists():  # the command line already checked it, so this load cannot be refused
        apply_state(emulator, read_state_file(path, emulator))

    def save() -> None:
        write_state_file(path, emulator)
        log.warning("state saved to %s", path)

    # Granian workers are multiprocessing children: they skip atexit, but run these finalizers
    # when the worker returns after a shutdown signal.
    multiprocessing.util.Finalize(emulator, save, exitpriority=10)


def granian_options(host: str, port: int, read_timeout: float) -> dict[str, Any]:
    """How `serve` runs granian; the benchmarks run their hello-world ceiling with the same."""
    from granian.constants import Interfaces
    from granian.http import HTTP1Settings
    from granian.log import LogLevels

    return {
        "address": host,
        "port": port,
        "interface": Interfaces.RSGI,  # see http/bridge.py for why not granian's WSGI
        "workers": 1,  # state lives in one process: a second worker would see other items
        "log_level": LogLevels.warning,
        # A header block must be complete this long after a request starts (slow headers).
        "http1_settings": HTTP1Settings(header_read_timeout=int(read_timeout * 1000)),
    }


def serve(
    settings: Settings, *, threads: int = DEFAULT_THREADS, claim: PortClaim | None = None
) -> None:
    """Serve until interrupted; granian handles Ctrl-C and stops the worker cleanly.

    Raises PortInUse (before serving anything) when another server holds the port, unless
    the caller has already claimed it.
    """
    from granian import Granian

    claim = claim or claim_port(settings.host, settings.port)
    os.environ[SETTINGS_ENV] = SETTINGS.dump_json(settings).decode()
    os.environ[THREADS_ENV] = str(threads)
    os.environ[PARENT_ENV] = str(os.getpid())
    server = Granian(
        "mock_server.serving:load_app_from_env",
        **granian_options(settings.host, settings.port, settings.read_timeout_seconds),
    )
    try:
        # Granian's annotation wants a callable; an RSGI target (with `__rsgi__`) is what it uses.
        loader = cast("Callable[..., Callable[..., Any]]", load_app_from_env)
        server.serve(target_loader=loader, wrap_loader=False)
    finally:
        claim.release()
