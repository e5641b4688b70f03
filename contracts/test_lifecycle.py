"""pytest face of the lifecycle suite: one test per hand-written scenario."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from contracts.context import RunContext
from contracts.lifecycle.lab import Lab
from contracts.lifecycle.suite import SCENARIOS, run_lifecycle
from contracts.outcomes import assert_outcomes
from contracts.suites import SUITES


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.__name__)
def test_scenario_holds(run_context: RunContext, scenario: Callable[[Lab], None]) -> None:
    if run_context.harness.suites_of(run_context.profile).get("lifecycle") is not SUITES.get(
        "lifecycle"
    ):
        pytest.skip("these are seed 000's scenarios; run the API's own with workitems-mock verify")
    assert_outcomes(run_lifecycle(run_context, [scenario]).outcomes)
