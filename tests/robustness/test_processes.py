"""One emulator per port, no orphan worker, and a shutdown that no receiver can hold up."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.robustness.wire import call
from tests.support.receiver import receiver
from tests.support.served import free_port, served, wait_healthy

pytestmark = pytest.mark.served
SERVE = [sys.executable, "-m", "mock_server", "serve"]


def children_of(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_a_second_serve_on_the_same_port_fails_fast_and_says_why(base_url):
    port = base_url.rsplit(":", 1)[1]
    started = time.monotonic()

    second = subprocess.run(
        [*SERVE, "--port", port], capture_output=True, text=True, timeout=30, check=False
    )

    assert second.returncode == 2
    assert f"port {port} is already served by another workitems-mock" in second.stderr
    assert "Traceback" not in second.stderr
    assert "serving" not in second.stdout  # no banner: it never started
    assert time.monotonic() - started < 15
    assert call(base_url, "GET", "/_mock/health") == {"status": "ok"}


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_a_worker_whose_main_process_is_killed_stops_serving():
    port = free_port()
    process = subprocess.Popen([*SERVE, "--port", str(port)], stdout=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base_url, process)
        [worker] = children_of(process.pid)
        process.kill()
        process.wait(timeout=5)

        assert wait_until(lambda: not alive(worker), timeout=5), "the worker serves on, orphaned"
        with pytest.raises(urllib.error.URLError):
            urllib.request.urlopen(f"{base_url}/_mock/health", timeout=1)
    finally:
        for pid in [process.pid, *children_of(process.pid)]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_shutdown_gives_up_on_hanging_deliveries_quickly_and_the_saved_state_says_so(
    tmp_path: Path,
):
    state_file = tmp_path / "state.json"
    release = threading.Event()
    args = ["--clock", "real", "--webhook-timeout", "60", "--state", str(state_file)]
    with receiver(hang=release) as hanging:
        with served(args) as server:
            for _ in range(20):
                body = {
                    "agent_id": "invoice_processing_agent",
                    "callbacks": [{"url": hanging.url, "on_status": "PENDING"}],
                }
                call(server.base_url, "POST", "/api/v1/work-items", body)
            hanging.wait_for(4)
            started = time.monotonic()
            server.process.send_signal(signal.SIGINT)
            server.process.wait(timeout=30)
            took = time.monotonic() - started
        release.set()

    assert took < 10  # before: it waited for every hanging attempt, minutes with many
    saved = json.loads(state_file.read_text())
    given_up = [
        d
        for d in saved["deliveries"]
        if any("given up at shutdown" in (a.get("error") or "") for a in d["attempts"])
    ]
    assert len(given_up) == 4  # the four in flight to that receiver; the rest never started
    assert all(d["outcome"] == "pending" for d in saved["deliveries"])
