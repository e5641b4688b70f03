"""pytest face of the conformance suite: one test per operation of openapi.yaml."""

from __future__ import annotations

import pytest

from contracts.outcomes import assert_outcomes
from contracts.results import SuiteResult
from contracts.spec import operations


@pytest.mark.parametrize("operation", [op.label for op in operations()])
def test_operation_conforms_to_the_contract(
    conformance_result: SuiteResult, operation: str
) -> None:
    assert_outcomes([conformance_result.outcome(operation)])
