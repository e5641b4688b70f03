"""The harness over real HTTP against `workitems-mock serve`: the CLI, and pytest's face."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.served import Served, served
from tests.support.suites import DEV_KEY, READONLY_KEY

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.served


@pytest.fixture(scope="module")
def server() -> Iterator[Served]:
    with served(["--clock", "real"]) as running:
        yield running


def test_verify_passes_a_served_emulator_with_every_suite_and_leaves_no_files_behind(
    server, tmp_path
):
    junit, report = tmp_path / "junit.xml", tmp_path / "report.md"
    command = [
        sys.executable, "-m", "mock_server", "verify", "--base-url", server.base_url,
        "--api-key", DEV_KEY, "--readonly-key", READONLY_KEY, "--max-examples", "10",
        "--seed", "3", "--junit", str(junit), "--report", str(report),
    ]  # fmt: skip

    result = subprocess.run(
        command, capture_output=True, text=True, timeout=300, check=False, cwd=tmp_path
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "**PASSED**" in report.read_text()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["junit.xml", "report.md"]
    suites = ET.parse(junit).getroot().findall("testsuite")
    assert [suite.get("name") for suite in suites] == [
        "conformance",
        "stateful",
        "lifecycle",
        "webhooks",
    ]


def test_verify_leaves_what_a_developer_built_as_it_found_it(server):
    import json
    import urllib.request

    def call(method: str, path: str, body: object = None) -> object:
        request = urllib.request.Request(
            server.base_url + path,
            data=json.dumps(body).encode() if body is not None else None,
            method=method,
            headers={"Authorization": f"Bearer {DEV_KEY}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)

    call("POST", "/_mock/clock/set", {"mode": "manual"})
    for _ in range(3):
        call("POST", "/api/v1/work-items", {"agent_id": "invoice_processing_agent"})
    call("PUT", "/_mock/inbox/mine", {"fail_first": 1})
    call("POST", "/_mock/faults", {"operation": "getWorkItem", "status": 503})
    before = call("GET", "/_mock/state")
    command = [
        sys.executable, "-m", "mock_server", "verify", "--base-url", server.base_url,
        "--api-key", DEV_KEY, "--suite", "conformance,lifecycle", "--max-examples", "3",
        "--seed", "5",
    ]  # fmt: skip

    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)

    after = call("GET", "/_mock/state")
    call("DELETE", "/_mock/faults")
    call("POST", "/_mock/clock/set", {"mode": "real"})
    assert result.returncode == 0, result.stdout + result.stderr  # the fault did not get in
    assert "saved before the run and restored after it" in result.stdout
    assert after == before


def test_the_suites_run_as_a_pytest_module_against_a_served_emulator(server):
    command = [
        sys.executable, "-m", "pytest", "contracts", "-q", "--base-url", server.base_url,
        "--api-key", DEV_KEY, "--readonly-key", READONLY_KEY, "--max-examples", "5",
    ]  # fmt: skip

    result = subprocess.run(
        command, capture_output=True, text=True, timeout=300, check=False, cwd=ROOT
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b\d+ passed\b", result.stdout)
    assert "skipped" not in result.stdout
