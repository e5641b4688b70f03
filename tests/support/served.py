"""Starts `workitems-mock serve` in a subprocess on a free loopback port."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True)
class Served:
    base_url: str
    process: subprocess.Popen[bytes]
    output: IO[bytes] | None = None  # what serve printed (banner, console lines)

    def printed(self) -> str:
        """Everything serve has printed so far."""
        if self.output is None:
            return ""
        self.output.flush()
        self.output.seek(0)
        return self.output.read().decode(errors="replace")


def wait_healthy(base_url: str, process: subprocess.Popen[bytes], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"serve exited early with status {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/_mock/health", timeout=1) as response:
                if json.load(response) == {"status": "ok"}:
                    return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"{base_url} did not become healthy in {timeout} s")


@contextmanager
def served(extra_args: Sequence[str] = ()) -> Iterator[Served]:
    port = free_port()
    command = [sys.executable, "-m", "mock_server", "serve", "--port", str(port), *extra_args]
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        base_url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(base_url, process)
            yield Served(base_url, process, output)
        except BaseException:
            output.seek(0)
            sys.stderr.write(output.read().decode(errors="replace"))
            raise
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
