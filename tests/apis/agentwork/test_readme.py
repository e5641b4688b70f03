"""The README's Agentwork example (the official client under the pytest plugin) runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[3] / "README.md"


def agentwork_example() -> str:
    section = README.read_text(encoding="utf-8").split("## Agentwork Tasks API")[1]
    section = section.split("\n## ")[0]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the README lost its Agentwork example"
    return match.group(1)


def test_the_readme_agentwork_example_passes(pytester: pytest.Pytester):
    pytester.makepyfile(test_readme_agentwork=agentwork_example())

    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")

    result.assert_outcomes(passed=1)


def test_the_readme_banner_is_the_one_serve_prints():
    from mock_server.emulator import Emulator
    from mock_server.settings import Settings

    emulator = Emulator(Settings())
    try:
        printed = emulator.apis["agentwork"].banner()
    finally:
        emulator.stop()

    assert "\n".join(printed) in README.read_text(encoding="utf-8")
