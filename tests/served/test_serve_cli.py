"""`workitems-mock serve` as a user runs it: banner, real time, clean stop, bad fixtures."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from mock_server.resources import default_fixtures_dir
from tests.support.served import free_port, served, wait_healthy

pytestmark = pytest.mark.served


def call(base_url: str, method: str, path: str, body: object = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base_url + path, data=data, method=method)
    request.add_header("Authorization", "Bearer local-dev-key")
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=5) as response:
        result: dict = json.load(response)
        return result


def test_a_sped_up_real_clock_moves_items_on_their_own():
    with served(["--clock", "real", "--speed", "20"]) as server:
        item = call(
            server.base_url, "POST", "/api/v1/work-items", {"agent_id": "invoice_processing_agent"}
        )
        deadline = time.monotonic() + 10
        status = item["status"]
        while status != "COMPLETED" and time.monotonic() < deadline:
            time.sleep(0.05)
            status = call(server.base_url, "GET", f"/api/v1/work-items/{item['work_item_id']}")[
                "status"
            ]

    assert status == "COMPLETED"


def test_the_banner_names_url_key_and_agents_and_ctrl_c_stops_cleanly():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mock_server", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_healthy(f"http://127.0.0.1:{port}", process)  # type: ignore[arg-type]
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()

    assert f"http://127.0.0.1:{port}/api/v1/work-items" in output
    assert "Bearer local-dev-key" in output
    assert "invoice_processing_agent" in output
    assert "1 request thread" in output
    assert "Traceback" not in output
    assert process.returncode == 0


def test_a_bad_scenario_file_stops_start_up_naming_file_and_step(tmp_path: Path):
    fixtures = tmp_path / "fixtures"
    shutil.copytree(default_fixtures_dir(), fixtures)
    (fixtures / "sema4" / "scenarios.yaml").write_text(
        "scenarios:\n  complete:\n    runs:\n      - steps:\n          - {after: 1, status: DONE}\n"
    )

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mock_server",
            "serve",
            "--fixtures",
            str(fixtures),
            "--port",
            str(free_port()),
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )

    assert result.returncode == 2
    where = fixtures / "sema4" / "scenarios.yaml"
    assert f"{where}: scenario 'complete', run 1, step 1" in result.stderr


def test_size_limits_are_configurable():
    with served(["--clock", "manual", "--max-body-kb", "1"]) as server:
        body = json.dumps(
            {"agent_id": "invoice_processing_agent", "payload": {"x": "y" * 2000}}
        ).encode()
        request = urllib.request.Request(
            f"{server.base_url}/api/v1/work-items", data=body, method="POST"
        )
        request.add_header("Authorization", "Bearer local-dev-key")
        request.add_header("Content-Type", "application/json")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=5)

    assert refused.value.code == 400
    assert "1024 bytes" in json.load(refused.value)["error"]["details"]["issue"]


def test_version_prints_the_installed_version(capsys: pytest.CaptureFixture[str]):
    from importlib.metadata import version

    from mock_server.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["--version"])

    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"workitems-mock {version('workitems-mock')}"


def ipv6_loopback() -> bool:
    import socket

    try:
        with socket.socket(socket.AF_INET6) as sock:
            sock.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.parametrize(
    ("host", "reached_at"),
    [
        ("localhost", "http://127.0.0.1:{port}"),
        pytest.param(
            "[::1]",
            "http://[::1]:{port}",
            marks=pytest.mark.skipif(not ipv6_loopback(), reason="no IPv6 loopback here"),
        ),
    ],
)
def test_host_names_and_bracketed_addresses_serve(host: str, reached_at: str):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mock_server", "serve", "--host", host, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base_url = reached_at.format(port=port)
    try:
        wait_healthy(base_url, process)  # type: ignore[arg-type]
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()

    assert f"serving 4 APIs on {base_url}" in output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--admin-token", " "], "--admin-token must be visible ASCII"),
        (["--admin-token", "two words"], "--admin-token must be visible ASCII"),
        (["--host", "example.invalid"], "is not an IP address"),
        (["--read-timeout", "0"], "--read-timeout must be between"),
    ],
)
def test_bad_serve_options_are_refused_before_anything_starts(args: list[str], says: str):
    from mock_server.cli import main

    with pytest.raises(SystemExit) as refused:
        main(["serve", "--port", str(free_port()), *args])

    assert says in str(refused.value.code)


def test_more_request_threads_serve_the_same_api():
    with served(["--clock", "manual", "--threads", "3"]) as server:
        item = call(
            server.base_url, "POST", "/api/v1/work-items", {"agent_id": "invoice_processing_agent"}
        )
        listed = call(server.base_url, "GET", "/api/v1/work-items")
        advanced = call(server.base_url, "POST", "/_mock/clock/advance", {"seconds": 5})

    assert [r["work_item_id"] for r in listed["records"]] == [item["work_item_id"]]
    assert advanced["ran"]
