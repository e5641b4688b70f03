"""One emulator per port, and no worker process that outlives the process that started it."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import signal
import socket
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: the bind check below still applies
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger("workitems_mock")
PARENT_CHECK_SECONDS = 0.5


class PortInUse(Exception):
    """Another server already listens on the port; the message says which, if known."""


@dataclass
class PortClaim:
    """Held for as long as the emulator serves; the lock goes with the process (and its
    forked worker), however they end."""

    path: Path | None
    descriptor: int | None

    def release(self) -> None:
        if self.descriptor is not None:
            os.close(self.descriptor)
            self.descriptor = None


def claim_port(host: str, port: int) -> PortClaim:
    """Make sure no other server (another `serve` included) listens on `host:port`.

    Granian binds with SO_REUSEPORT, so a second `serve` on the same port would start and
    share the connections (and each save its own state over the other's). A lock file per
    port rules out a second emulator even when both start at the same instant; a test bind
    without SO_REUSEPORT catches any other program.
    """
    claim = _lock_file(port)
    try:
        _check_bindable(host, port)
    except PortInUse:
        claim.release()
        raise
    return claim


def _lock_file(port: int) -> PortClaim:
    path = Path(tempfile.gettempdir()) / f"workitems-mock-{port}.lock"
    if fcntl is None:
        return PortClaim(None, None)
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:  # not ours to open (another user's file): the bind check still runs
        return PortClaim(None, None)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        holder = os.pread(descriptor, 32, 0).decode(errors="replace").strip() or "unknown"
        os.close(descriptor)
        raise PortInUse(
            f"port {port} is already served by another workitems-mock (pid {holder})"
        ) from None
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, str(os.getpid()).encode(), 0)
    return PortClaim(path, descriptor)


def _check_bindable(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # SO_REUSEADDR: a port left in TIME_WAIT by a previous run is free; a listener is not.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise PortInUse(f"port {port} on {host} is already in use") from None
            raise PortInUse(f"cannot bind {host}:{port}: {error.strerror or error}") from None


def die_with_parent(parent_pid: int) -> None:
    """Stop this (worker) process cleanly once `parent_pid` is gone, even after a `kill -9`.

    A worker whose main process was killed outright would otherwise keep serving as an
    orphan, holding the port. SIGTERM is the worker's own graceful stop, so what it does on
    any shutdown (saving its state) still happens.
    """

    def watch() -> None:
        stopped = threading.Event()
        while not stopped.wait(PARENT_CHECK_SECONDS):
            if os.getppid() != parent_pid:
                log.warning("the main process %s is gone; stopping this worker", parent_pid)
                with contextlib.suppress(OSError):
                    os.kill(os.getpid(), signal.SIGTERM)
                return

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
