"""The README's official-client example runs as written against the platform profile."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from mock_server.core.clock import ClockMode
from mock_server.testing import running_emulator

README = Path(__file__).resolve().parents[2] / "README.md"


def example() -> str:
    section = README.read_text(encoding="utf-8").split("## Profiles")[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the README lost its official client example"
    return match.group(1)


def test_the_readme_official_client_example_prints_what_the_readme_shows(tmp_path):
    with running_emulator(profiles={"sema4": "platform"}, clock_mode=ClockMode.REAL) as mock:
        script = tmp_path / "example.py"
        script.write_text(example().replace("http://127.0.0.1:8080", mock.base_url))
        done = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, timeout=60
        )
        captured = mock.control.inbox_requests("reviews")

    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()
    assert first.endswith(" PENDING NEEDS_REVIEW")
    assert second.startswith("NEEDS_REVIEW AGENT http")
    assert [c["json"]["status"] for c in captured] == ["NEEDS_REVIEW"]
