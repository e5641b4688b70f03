"""pytest face of the lifecycle suite: one test per hand-written scenario."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from contracts.context import RunContext
from contracts.lifecycle.lab import Lab
from contracts.lifecycle.suite import SCENARIOS, run_lifecycle
from contracts.outcomes import assert_outcomes


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.__name__)
def test_scenario_holds(run_context: RunContext, scenario: Callable[[Lab], None]) -> None:
    assert_outcomes(run_lifecycle(run_context, [scenario]).outcomes)
