"""Simulated decisioning on a manual clock: scenarios as data, and people win."""

from __future__ import annotations

import json

import pytest

from mock_server.apis.threada.domain import errors
from mock_server.apis.threada.domain.executions import ExecuteRequest
from mock_server.apis.threada.domain.work_items import CreateRequest
from mock_server.apis.threada.engine.decisioning import PlannedDecision
from mock_server.core.clock import Clock, ClockMode
from mock_server.core.errors import BadRequest
from tests.apis.threada.engine_support import world
from tests.apis.threada.support import REASON, SEED_CREATE, dev, example, service


def item(w, work_item_id):
    return w.threada.items.get(dev(w.threada), work_item_id)


def test_the_review_scenario_routes_a_new_item_to_a_person_after_two_seconds():
    w = world()
    created = w.threada.items.create(dev(w.threada), SEED_CREATE)

    w.advance(1.9)
    assert item(w, created.work_item_id).status == "new"
    w.advance(0.1)

    moved = item(w, created.work_item_id)
    (receipt,) = moved.receipts
    assert moved.status == "in_review"
    assert receipt.at == w.at(2)
    assert (receipt.actor.type, receipt.actor.id) == ("ai", "decisioning/review")
    assert receipt.evidence.fallback_reason == "Confidence 0.41 is below the review threshold 0.70."
    assert w.decisioning.planned == {}


def test_the_approval_scenario_reviews_then_proposes_an_action_for_approval():
    w = world()
    created = w.threada.items.create(dev(w.threada), CreateRequest("refunds", {}, "web_main"))

    w.advance(10)

    moved = item(w, created.work_item_id)
    assert [(r.status, r.at) for r in moved.receipts] == [
        ("in_review", w.at(1)), ("awaiting_approval", w.at(3)),
    ]  # fmt: skip
    assert moved.proposed_action is not None
    assert moved.proposed_action.action_id == "issue_refund"


def test_a_chosen_scenario_replaces_the_workflows():
    w = world()
    created = w.threada.items.create(
        dev(w.threada), CreateRequest("policy_review", {}, "web_main", scenario="refuse")
    )

    w.advance(5)

    assert item(w, created.work_item_id).status == "refused"
    assert item(w, created.work_item_id).scenario == "refuse"


def test_the_idle_scenario_leaves_the_item_new():
    w = world()
    created = w.threada.items.create(
        dev(w.threada), CreateRequest("support_triage", {}, scenario="idle")
    )

    w.advance(60)

    assert item(w, created.work_item_id).status == "new"


def test_a_human_decision_wins_over_a_pending_automatic_step():
    w = world()
    created = w.threada.items.create(dev(w.threada), CreateRequest("refunds", {}, "web_main"))
    w.advance(1)  # in_review; the proposal is planned for t=3
    w.threada.items.decide(dev(w.threada), created.work_item_id, "approve", REASON)

    w.advance(10)

    moved = item(w, created.work_item_id)
    assert moved.status == "approved"
    assert [r.decision for r in moved.receipts] == ["ai_review", "approve"]
    assert w.decisioning.planned == {}


def test_an_execution_wins_over_a_pending_automatic_step():
    w = world()
    w.threada.items.create(example(w.threada), SEED_CREATE)
    w.threada.executions.execute(
        example(w.threada), ExecuteRequest("wi_123", "request_approval", "int_workflow")
    )

    w.advance(10)

    moved = w.threada.items.get(example(w.threada), "wi_123")
    assert [r.decision for r in moved.receipts] == ["execute", "execution_succeeded"]
    assert moved.status == "resolved"


def test_planned_steps_survive_a_snapshot_and_play_on_in_the_restored_world():
    saved = world()
    created = saved.threada.items.create(
        dev(saved.threada), CreateRequest("refunds", {}, "web_main")
    )
    saved.advance(2)
    records = json.loads(json.dumps(saved.threada.export_records()))
    plans = json.loads(json.dumps(saved.decisioning.export()))
    restored_service = service(Clock(ClockMode.MANUAL, start=saved.clock.now()))
    restored_service.prepare_records(records)()
    restored = world(restored_service)

    restored.decisioning.restore(PlannedDecision.of(p) for p in plans)
    restored.advance(5)
    saved.advance(5)

    assert restored.threada.export_records() == saved.threada.export_records()
    assert item(restored, created.work_item_id).status == "awaiting_approval"


def test_switching_a_new_items_scenario_replans_it_from_now_without_a_receipt():
    w = world()
    created = w.threada.items.create(dev(w.threada), SEED_CREATE)
    w.advance(1)

    switched = w.decisioning.switch(created.work_item_id, "answer")

    assert (switched.scenario, switched.receipts) == ("answer", ())
    w.advance(1.5)  # past the review step first planned (at 2 s): superseded, it never fires
    assert item(w, created.work_item_id).status == "new"
    w.advance(0.5)
    moved = item(w, created.work_item_id)
    assert [(r.decision, r.at) for r in moved.receipts] == [("ai_answer", w.at(3))]


def test_a_scenario_cannot_be_switched_once_decisioning_acted_or_to_an_unknown_one():
    w = world()
    created = w.threada.items.create(dev(w.threada), SEED_CREATE)

    with pytest.raises(errors.UnknownScenario) as unknown:
        w.decisioning.switch(created.work_item_id, "nope")
    w.advance(2)
    with pytest.raises(BadRequest, match="is in_review"):
        w.decisioning.switch(created.work_item_id, "answer")
    with pytest.raises(errors.WorkItemNotFound):
        w.decisioning.switch("wi_1", "answer")

    assert unknown.value.field == "scenario"
    assert item(w, created.work_item_id).scenario == "review"
