"""The Agentwork lifecycle suite passes the intact emulator, with and without its control plane."""

from __future__ import annotations

from contracts.apis.agentwork.lifecycle import cancels
from contracts.apis.agentwork.lifecycle.access import EXCHANGE, FOREIGN, NO_KEY, REGISTER
from contracts.apis.agentwork.lifecycle.matrix import ALL_CASES, case_name
from contracts.apis.agentwork.lifecycle.reading import ACTIVITY, EVENTS, RESULT
from contracts.apis.agentwork.lifecycle.side_paths import CANCEL
from contracts.apis.agentwork.lifecycle.stops import (
    ANSWERS,
    CONFIRM_SOLUTION,
    CONFIRM_SPEC,
    REJECT_SOLUTION,
    REJECT_SPEC,
    shown_name,
)
from contracts.apis.agentwork.lifecycle.table import AWAITING_REPLY, AWAITING_SPEC, illegal_actions
from tests.contracts.apis.agentwork.kit import (
    ACME_KEY,
    TEAMMATE_KEY,
    describe,
    emulator_in_profile,
    run_agentwork_lifecycle,
)
from tests.support.local import local_emulator


def test_the_intact_emulator_passes_every_check_with_nothing_skipped():
    with local_emulator() as local:
        result = run_agentwork_lifecycle(local.base_url)

    assert result.violations == [], describe(result)
    assert result.skipped == [], describe(result)
    passed = {outcome.name for outcome in result.outcomes if outcome.passed}
    assert set(ALL_CASES) <= passed  # every illegal action from every status was tried
    assert {REJECT_SPEC, REJECT_SOLUTION, ANSWERS, EVENTS, ACTIVITY} <= passed


def test_a_used_up_credit_quota_is_waited_out_on_the_emulator_clock():
    # Acme's account may create two tasks a day; the suite creates more than that.
    with local_emulator() as local:
        result = run_agentwork_lifecycle(local.base_url, key=ACME_KEY)

    assert result.violations == [], describe(result)
    assert result.skipped == [], describe(result)


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


def test_without_the_control_plane_a_moving_agent_is_followed_to_completed():
    # The teammate's tasks play `question_first`; the emulator's clock runs 10 times as fast.
    with local_emulator(speed=10) as local:
        result = run_agentwork_lifecycle(
            local.base_url, control_plane=False, poll_timeout=4, key=TEAMMATE_KEY
        )

    assert result.violations == [], describe(result)
    passed = {outcome.name for outcome in result.outcomes if outcome.passed}
    assert {REJECT_SPEC, REJECT_SOLUTION, CONFIRM_SOLUTION, RESULT, EVENTS, ACTIVITY} <= passed
    assert case_name("cancel", "completed") in passed


def test_a_deployment_without_a_spec_phase_skips_only_the_spec_checks():
    # The api-reference profile follows the reference's status table: no awaiting_spec_approval.
    with emulator_in_profile("api-reference") as base_url:
        result = run_agentwork_lifecycle(base_url)

    assert result.violations == [], describe(result)
    skipped = {outcome.name for outcome in result.skipped}
    spec_cases = {shown_name(AWAITING_SPEC), REJECT_SPEC, CONFIRM_SPEC}
    spec_cases |= {case_name(action, AWAITING_SPEC) for action in illegal_actions(AWAITING_SPEC)}
    spec_cases.add(cancels.case_name(AWAITING_SPEC))
    assert skipped == spec_cases, describe(result)
