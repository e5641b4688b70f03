"""The platform profile is the reference's transition table and endpoint matrix, as data."""

from __future__ import annotations

import pytest

from mock_server.apis.sema4.domain.profile import DOCUMENTED, PLATFORM, PROFILES
from mock_server.core.errors import BadRequest, IllegalMove

# sema4-platform-behaviour.md §5.3, written out again independently of the profile: for each
# current status, the answer of continue, restart, cancel, complete, upload and finalise.
OK, E412, E400 = "ok", 412, 400
MATRIX = {
    "DRAFT": (OK, E412, OK, E412, OK, OK),
    "PENDING": (E412, E412, OK, E412, E400, E400),
    "EXECUTING": (E412, OK, OK, OK, E400, E400),
    "NEEDS_REVIEW": (OK, OK, E412, OK, E400, E400),
    "INDETERMINATE": (OK, OK, E412, OK, E400, E400),
    "COMPLETED": (OK, OK, E412, E412, E400, E400),
    "ERROR": (OK, OK, E412, OK, E400, E400),
    "CANCELLED": (OK, OK, E412, OK, E400, E400),
}
ACTIONS = ("continue", "restart", "cancel", "complete", "attach_file", "finalize")
CASES = [(s, a, MATRIX[s][i]) for s in MATRIX for i, a in enumerate(ACTIONS)]


def answer(action: str, status: str) -> object:
    try:
        PLATFORM.target(action, status)
    except IllegalMove:
        return E412
    except BadRequest:
        return E400
    return OK


@pytest.mark.parametrize(("status", "action", "expected"), CASES)
def test_every_action_from_every_status_answers_as_the_platform(status, action, expected):
    assert answer(action, status) == expected


def test_the_statuses_are_the_platforms_and_every_one_is_in_the_matrix():
    assert set(PLATFORM.statuses) == set(MATRIX)
    assert not {"PRECREATED", "PAUSED", "FAILED"} & set(PLATFORM.statuses)


def test_the_400_refusals_carry_the_platforms_messages():
    with pytest.raises(BadRequest, match=r"^Files can only be attached to work-items in the "
                       r"DRAFT state\. Currently in PENDING$"):  # fmt: skip
        PLATFORM.target("attach_file", "PENDING")
    with pytest.raises(BadRequest, match=r"^Work item has been previously started\. Currently "
                       r"in COMPLETED$"):  # fmt: skip
        PLATFORM.target("finalize", "COMPLETED")
    with pytest.raises(IllegalMove, match=r"^Cannot restart work item from status DRAFT\.$"):
        PLATFORM.target("restart", "DRAFT")


def test_the_agent_reaches_every_outcome_of_a_run_and_nothing_a_person_does():
    outcomes = {PLATFORM.agent_action_to(s) for s in ("COMPLETED", "NEEDS_REVIEW", "ERROR")}

    assert None not in outcomes
    assert PLATFORM.agent_action_to("INDETERMINATE") == "agent_indeterminate"
    assert PLATFORM.agent_action_to("CANCELLED") is None
    assert PLATFORM.agent_action_to("DRAFT") is None


def test_the_worker_claims_as_system_and_the_agent_ends_runs_as_agent():
    assert PLATFORM.effect("agent_start").actor == "SYSTEM"
    assert {PLATFORM.effect(a).actor for a in PLATFORM.agent_actions[1:]} == {"AGENT"}
    assert {PLATFORM.effect(a).actor for a in ("continue", "cancel", "complete")} == {"HUMAN"}


def test_cancel_and_restart_stop_a_run_on_the_platform_only():
    assert PLATFORM.effect("cancel").stops_run
    assert PLATFORM.effect("restart").stops_run
    assert not DOCUMENTED.effect("cancel").stops_run
    assert not PLATFORM.effect("complete").stops_run  # §8.3: the run goes on


def test_both_profiles_are_registered_the_documented_one_first():
    assert list(PROFILES) == ["documented", "platform"]
