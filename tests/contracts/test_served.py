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
