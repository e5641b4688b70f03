"""Starts and stops the servers under test, each in its own process group on loopback."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks import tools
from benchmarks.model import BenchError, Context

API_KEY = "local-dev-key"


@dataclass(frozen=True)
class Server:
    name: str
    base_url: str
    api_prefix: str  # where /work-items lives: "/api/v1" on the emulator, "" on Prism
    process: subprocess.Popen[bytes]
    forks_worker: bool = True  # granian serves from a child process; Prism from its own

    @property
    def api_url(self) -> str:
        return self.base_url + self.api_prefix

    def worker_pid(self) -> int:
        """The granian worker: the child of the process we started, which holds the state."""
        children = _children(self.process.pid)
        if not children:
            raise self.gone()
        if len(children) != 1:
            raise BenchError(f"{self.name}: expected one worker process, found {children}")
        return children[0]

    def serving_pid(self) -> int:
        """The process that answers requests: granian's worker, or Prism's node process."""
        return self.worker_pid() if self.forks_worker else self.process.pid

    def gone(self) -> BenchError:
        """The error to raise when this server stopped answering in the middle of a run."""
        status = self.process.poll()
        state = "is still running" if status is None else f"exited with status {status}"
        return BenchError(
            f"{self.name} lost its serving process mid-run (its main process {state}); "
            f"see .bench/{self.name}.log"
        )


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process (all its threads), from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    if path.exists():
        return [int(child) for child in path.read_text().split()]
    found = []  # kernels without CONFIG_PROC_CHILDREN: scan every process's parent
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def rss_mb(pid: int) -> float:
    """Resident memory in MB (10^6 bytes), from VmRSS in /proc/<pid>/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024 / 1e6
    raise BenchError(f"no VmRSS for process {pid}")


def _wait_ready(name: str, url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {API_KEY}"})
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"{name} exited early with status {process.returncode}")
        try:
            with urllib.request.urlopen(request, timeout=1):
                return
        except urllib.error.HTTPError:
            return  # it answered: listening
        except OSError:
            time.sleep(0.1)
    raise BenchError(f"{name} did not answer {url} within {timeout:.0f} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)  # granian and node both stop cleanly on Ctrl-C
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # our own process group, started below
        process.wait()


@contextmanager
def running(
    ctx: Context,
    name: str,
    command: Sequence[str],
    api_prefix: str,
    ready_path: str,
    forks_worker: bool = True,
) -> Iterator[Server]:
    """Runs `command` (with {port} filled in) until the block ends; output goes to .bench/."""
    port = free_port()
    argv = [part.format(port=port) for part in command]
    log_path = ctx.work_dir / f"{name}.log"
    # The hello-world module is found from the repository; an existing PYTHONPATH is kept.
    python_path = [str(ctx.root), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(python_path)}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            argv,
            cwd=ctx.root,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            _wait_ready(name, base_url + ready_path, process, timeout=60)
            yield Server(name, base_url, api_prefix, process, forks_worker)
        finally:
            _stop(process)


def emulator_command() -> list[str]:
    """`workitems-mock serve` as a user runs it: default threads, real clock."""
    script = Path(sys.executable).parent / "workitems-mock"
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "mock_server"]
    return [*launcher, "serve", "--host", "127.0.0.1", "--port", "{port}"]


def emulator(
    ctx: Context, name: str = "emulator", extra: Sequence[str] = ()
) -> AbstractContextManager[Server]:
    """`serve` as a user runs it, plus `extra` options (e.g. `--clock manual`)."""
    return running(ctx, name, [*emulator_command(), *extra], "/api/v1", "/_mock/health")


def prism(ctx: Context, *, quiet: bool) -> AbstractContextManager[Server]:
    """Prism mocking openapi.yaml (without callbacks, see `tools.prism_spec`); `quiet` silences
    its per-request info log."""
    command = [str(ctx.prism), "mock", "-h", "127.0.0.1", "-p", "{port}"]
    command += ["-v", "warn"] if quiet else []
    name = "prism-quiet" if quiet else "prism"
    spec = str(tools.prism_spec(ctx.root, ctx.work_dir))
    return running(ctx, name, [*command, spec], "", "/work-items/ready", forks_worker=False)


def hello(ctx: Context) -> AbstractContextManager[Server]:
    command = [sys.executable, "-m", "benchmarks.hello", "--port", "{port}"]
    return running(ctx, "hello", command, "/api/v1", "/api/v1/work-items/ready")


def receiver(ctx: Context) -> AbstractContextManager[Server]:
    """The benchmarks' webhook receiver (`benchmarks/receiver.py`)."""
    command = [sys.executable, "-m", "benchmarks.receiver", "--port", "{port}"]
    return running(ctx, "receiver", command, "", "/count")
