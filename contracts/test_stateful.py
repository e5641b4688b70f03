"""pytest face of the stateful suite: call sequences along the contract's links."""

from __future__ import annotations

from contracts.context import RunContext
from contracts.outcomes import assert_outcomes
from contracts.stateful import run_stateful


def test_sequences_along_the_links_conform(run_context: RunContext) -> None:
    assert_outcomes(run_stateful(run_context).outcomes)
