"""`serve --state FILE`: a session survives a restart; a bad file is refused, never overwritten."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.support.served import free_port, wait_healthy

pytestmark = pytest.mark.served
AUTH = {"Authorization": "Bearer local-dev-key", "Content-Type": "application/json"}


def start(state: Path, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "mock_server", "serve", "--port", str(port)]
    process = subprocess.Popen([*command, "--clock", "manual", "--state", str(state)])
    wait_healthy(f"http://127.0.0.1:{port}", process)
    return process


def stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGINT)
    process.wait(timeout=15)


def call(port: int, method: str, path: str, body: object = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data, AUTH, method=method)
    with urllib.request.urlopen(request, timeout=5) as response:
        result: dict = json.load(response)
        return result


def run_serve(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mock_server", "serve", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)


def test_state_survives_a_restart(tmp_path: Path):
    state, port = tmp_path / "session.json", free_port()
    first = start(state, port)
    try:
        created = call(port, "POST", "/api/v1/work-items", {"agent_id": "invoice_processing_agent"})
        call(port, "POST", "/_mock/clock/advance", {"seconds": 1})
        before = call(port, "GET", "/_mock/state")
    finally:
        stop(first)

    assert state.exists()
    second = start(state, port)
    try:
        item = call(port, "GET", f"/api/v1/work-items/{created['work_item_id']}")
        after = call(port, "GET", "/_mock/state")
        call(port, "POST", "/_mock/clock/advance", {"seconds": 2})
        done = call(port, "GET", f"/api/v1/work-items/{created['work_item_id']}")
    finally:
        stop(second)

    assert item["status"] == "EXECUTING"
    assert after == before
    assert done["status"] == "COMPLETED"  # the agent's planned step survived too


def test_a_corrupt_state_file_is_refused_and_left_alone(tmp_path: Path):
    state = tmp_path / "broken.json"
    state.write_text('{"format": "workitems-mock/state", "version": 1, "profile": "documented"')

    result = run_serve("--port", str(free_port()), "--state", str(state))

    assert result.returncode == 2
    assert f"{state}: not valid JSON" in result.stderr
    assert "not overwritten" in result.stderr
    assert state.read_text().endswith('"documented"')


def test_binding_beyond_loopback_needs_a_token_or_no_admin():
    result = run_serve("--host", "0.0.0.0", "--port", str(free_port()))

    assert result.returncode != 0
    assert "--admin-token" in result.stderr
