"""The inferred lifecycles as data, the error reasons, and both kept equal to the contract."""

from __future__ import annotations

import pytest

from mock_server.apis.threada.domain import errors, lifecycle
from mock_server.apis.threada.domain.model import Evidence
from mock_server.apis.threada.domain.scenarios import (
    DecisionStep,
    Scenario,
    ScenarioError,
    check_scenario,
)
from mock_server.hosting.errors import DEFAULT_STATUS
from tests.apis.threada.test_contract import contract


def enum(name):
    return contract().resolved["components"]["schemas"][name]["enum"]


def test_the_contracts_vocabularies_are_the_domains():
    assert tuple(enum("WorkItemStatus")) == lifecycle.STATUSES
    assert tuple(enum("ExecutionStatus")) == lifecycle.EXECUTION_STATUSES
    assert tuple(enum("Outcome")) == lifecycle.OUTCOMES
    assert tuple(enum("ErrorCategory")) == errors.CATEGORIES
    assert tuple(enum("Decision")) == lifecycle.WORK_ITEM.actions


def test_every_move_leads_to_a_known_status_and_terminal_statuses_lead_nowhere():
    table = lifecycle.WORK_ITEM
    for action in table.actions:
        rule = table.rule(action)
        assert rule.target in lifecycle.STATUSES
        assert rule.sources <= set(lifecycle.STATUSES)
        assert not rule.sources & lifecycle.TERMINAL, action
        assert action in lifecycle.OUTCOME_OF


def test_the_inferred_table_of_the_reference_notes():
    legal = lifecycle.WORK_ITEM.legal_moves()

    for move in [
        ("new", "resolved"), ("new", "refused"), ("new", "in_review"), ("new", "awaiting_approval"),
        ("in_review", "awaiting_approval"), ("awaiting_approval", "approved"),
        ("awaiting_approval", "rejected"), ("approved", "executing"), ("executing", "resolved"),
        ("executing", "failed"), ("new", "escalated"), ("approved", "escalated"),
    ]:  # fmt: skip
        assert move in legal, move
    assert ("executing", "escalated") not in legal


def test_every_reason_has_a_category_and_the_core_kind_that_decides_its_status():
    assert len(errors.REASONS) >= 25
    for reason, error in errors.REASONS.items():
        assert reason == error.reason
        assert error.category in errors.CATEGORIES
        assert error.code in DEFAULT_STATUS, error
    assert errors.WorkItemNotFound.code == "not_found"
    assert errors.IdempotencyKeyReused.code == "conflict"
    assert errors.ApprovalRequired.code == "forbidden"
    assert errors.IntegrationDisabled.code == "service_unavailable"
    assert errors.category_of("action_denied") == "policy"
    assert errors.category_of("not_found") is None


def step(status, after=1.0, **kwargs):
    return DecisionStep(after, status, kwargs.pop("evidence", Evidence((), "why")), **kwargs)


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ([step("approved")], "decisioning cannot set status 'approved'"),
        ([step("resolved"), step("refused")], "cannot go from resolved to refused"),
        ([step("in_review", after=-1)], "must not be negative"),
        ([step("resolved", evidence=Evidence())], "citations or a fallback_reason"),
        ([step("awaiting_approval")], "'propose' goes with awaiting_approval"),
    ],
)
def test_a_scenario_off_the_lifecycle_is_named_at_its_step(steps, message):
    with pytest.raises(ScenarioError, match=message) as raised:
        check_scenario(Scenario("bad", tuple(steps)))

    assert f"step {len(steps)}" in str(raised.value)
