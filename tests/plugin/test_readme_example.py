"""The README's pytest example runs as written."""

from __future__ import annotations

import re
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
