"""pytest face of the conformance suite: one test per operation of the chosen contract."""

from __future__ import annotations

import pytest

from contracts.conftest import chosen_api
from contracts.outcomes import assert_outcomes
from contracts.results import SuiteResult
from contracts.spec import load_spec, operations


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One test per operation of the contract of --api in --profile."""
    profile = chosen_api(metafunc.config).profile(metafunc.config.getoption("--profile"))
    labels = [op.label for op in operations(load_spec(profile.spec_path()))]
    metafunc.parametrize("operation", labels)


def test_operation_conforms_to_the_contract(
    conformance_result: SuiteResult, operation: str
) -> None:
    assert_outcomes([conformance_result.outcome(operation)])
