"""The README's pytest and context-manager examples run as written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_python_example() -> str:
    section = README.read_text(encoding="utf-8").split("## Testing your own client with pytest")[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the README lost its pytest example"
    return match.group(1)


def test_the_readme_pytest_example_passes(pytester: pytest.Pytester):
    pytester.makepyfile(test_readme=readme_python_example())

    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")

    result.assert_outcomes(passed=1)


def test_the_readme_example_is_about_ten_lines():
    assert len(readme_python_example().strip().splitlines()) <= 12


def test_the_readme_example_without_pytest_runs(tmp_path: Path):
    section = README.read_text(encoding="utf-8").split("Without pytest")[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the README lost its running_emulator example"
    script = tmp_path / "example.py"
    script.write_text(match.group(1), encoding="utf-8")

    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)

    assert done.returncode == 0, done.stderr
