"""The Agentwork lifecycle suite passes the intact emulator, with and without its control plane."""

from __future__ import annotations

from contracts.apis.agentwork.lifecycle.access import EXCHANGE, FOREIGN, NO_KEY, REGISTER
from contracts.apis.agentwork.lifecycle.matrix import case_name
from contracts.apis.agentwork.lifecycle.reading import RESULT
from contracts.apis.agentwork.lifecycle.side_paths import CANCEL
from contracts.apis.agentwork.lifecycle.stops import shown_name
from contracts.apis.agentwork.lifecycle.table import AWAITING_REPLY
from tests.contracts.apis.agentwork.kit import describe, run_agentwork_lifecycle
from tests.support.local import local_emulator


def test_the_intact_emulator_passes_every_check_with_nothing_skipped():
    with local_emulator() as local:
        result = run_agentwork_lifecycle(local.base_url)

    assert result.violations == [], describe(result)
    assert result.skipped == [], describe(result)
    assert len(result.outcomes) > 40


def test_without_the_control_plane_what_needs_the_agent_is_skipped_not_violated():
    # The emulator's clock is manual: with no control plane to move it, its agent never moves.
    with local_emulator() as local:
        result = run_agentwork_lifecycle(local.base_url, control_plane=False, poll_timeout=0.5)

    assert result.violations == [], describe(result)
    skipped = {outcome.name: outcome.skipped or "" for outcome in result.skipped}
    assert "stayed processing for the poll timeout (0.5 s)" in skipped[shown_name(AWAITING_REPLY)]
    assert "never completed" in skipped[RESULT]
    assert "only the emulator's fixtures" in skipped[EXCHANGE]
    assert case_name("cancel", "completed") in skipped
    # What needs no agent still ran and passed: keys, 404s, cancel, the processing matrix.
    passed = {outcome.name for outcome in result.outcomes if outcome.passed}
    assert {NO_KEY, REGISTER, FOREIGN, CANCEL, case_name("message", "processing")} <= passed
    assert result.notes
