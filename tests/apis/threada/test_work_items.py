"""Work items without Flask: create, read, tenants and scopes, human and automatic decisions."""

from __future__ import annotations

import pytest

from mock_server.apis.threada.domain import errors
from mock_server.apis.threada.domain.access import caller_for
from mock_server.apis.threada.domain.model import Citation, Evidence
from mock_server.apis.threada.domain.scenarios import DecisionStep
from mock_server.apis.threada.domain.work_items import CreateRequest
from mock_server.core.errors import IllegalMove
from tests.apis.threada.support import REASON, SEED_CREATE, START, caller, dev, example, service


def test_the_references_create_answers_wi_123_new_with_its_workflow():
    threada = service()

    item = threada.items.create(example(threada), SEED_CREATE)

    assert (item.work_item_id, item.status, item.workflow_id) == ("wi_123", "new", "policy_review")
    assert item.channel_id == "web_main"
    assert item.tenant_id == "example"
    assert item.payload == {"message": "Review this renewal request before approval"}
    assert (item.policy.policy_set, item.policy.version) == ("default_governance", "2026-01")
    assert item.created_at == START
    assert item.receipts == ()
    assert threada.items.get(example(threada), "wi_123") == item


@pytest.mark.parametrize(
    ("request_", "error", "field"),
    [
        (CreateRequest("policy_reveiw", {}, "web_main"), errors.UnknownWorkflow, "workflow_id"),
        (CreateRequest("policy_review", {}), errors.ChannelRequired, "channel_id"),
        (CreateRequest("policy_review", {}, "fax"), errors.UnknownChannel, "channel_id"),
        (CreateRequest("policy_review", {}, "partner_api"), errors.ChannelNotAccepted, "channel"),
    ],
)
def test_a_bad_create_is_a_validation_error_and_writes_nothing(request_, error, field):
    threada = service()

    with pytest.raises(error) as raised:
        threada.items.create(dev(threada), request_)

    assert raised.value.category == "validation"
    assert field in (raised.value.field or "")
    assert len(threada.items.store) == 0
    assert threada.items.create(dev(threada), SEED_CREATE).work_item_id == "wi_123"


def test_an_unknown_workflow_is_named_with_the_known_ones():
    threada = service()

    with pytest.raises(errors.UnknownWorkflow, match="known: policy_review, refunds"):
        threada.items.create(dev(threada), CreateRequest("nope", {}))


def test_a_workflow_without_required_channel_takes_items_without_one():
    threada = service()

    item = threada.items.create(dev(threada), CreateRequest("support_triage", {"q": 1}))

    assert item.channel_id is None


def test_an_unknown_scenario_is_refused_before_anything_is_created():
    threada = service()

    with pytest.raises(errors.UnknownScenario, match="known scenarios: answer, approval"):
        threada.items.create(dev(threada), CreateRequest("support_triage", {}, scenario="x"))
    assert len(threada.items.store) == 0


def test_a_missing_scope_is_an_authorization_error_naming_the_scope():
    threada = service()
    reader = caller(threada, "threada-reader-key")

    with pytest.raises(errors.MissingScope) as raised:
        threada.items.create(reader, SEED_CREATE)

    assert raised.value.category == "authorization"
    assert raised.value.code == "forbidden"
    assert "workitems:write" in raised.value.message
    assert len(threada.items.store) == 0


def test_another_tenants_item_is_not_found():
    threada = service()
    item = threada.items.create(dev(threada), SEED_CREATE)

    with pytest.raises(errors.WorkItemNotFound):
        threada.items.get(caller(threada, "threada-globex-key"), item.work_item_id)
    with pytest.raises(errors.WorkItemNotFound):
        threada.items.decide(example(threada), item.work_item_id, "escalate", REASON)


def test_a_credential_acts_only_in_a_tenant_it_names_or_is_bound_to():
    threada = service()
    ring = threada.credentials
    operator = ring.authenticate("Bearer threada-operator-key")

    assert caller_for(operator, "globex").tenant_id == "globex"
    assert caller_for(ring.authenticate("Bearer threada-dev-key"), "acme").tenant_id == "acme"
    with pytest.raises(errors.TenantContextRequired, match="one of acme, globex"):
        caller_for(operator, None)
    with pytest.raises(errors.TenantNotPermitted):
        caller_for(operator, "example")
    with pytest.raises(errors.TenantContextRequired, match="bound to no tenant"):
        caller_for(ring.authenticate("Bearer threada-unbound-key"), None)


@pytest.mark.parametrize(
    ("header", "error"),
    [
        (None, errors.MissingCredentials),
        ("Basic dXNlcg==", errors.MissingCredentials),
        ("Bearer ", errors.MissingCredentials),
        ("Bearer not-a-key", errors.InvalidCredentials),
    ],
)
def test_without_a_valid_credential_nothing_is_allowed(header, error):
    with pytest.raises(error) as raised:
        service().credentials.authenticate(header)

    assert raised.value.category == "authorization"
    assert raised.value.code == "unauthorized"


def _awaiting_approval(threada):
    """An item of `refunds` where decisioning proposed issue_refund on int_crm."""
    item = threada.items.create(dev(threada), CreateRequest("refunds", {}, "web_main"))
    scenario = threada.scenarios.known("approval")
    threada.items.decision_step(item.work_item_id, scenario.steps[0], "new")
    moved = threada.items.decision_step(item.work_item_id, scenario.steps[1], "in_review")
    assert moved is not None
    return moved


def test_decisioning_steps_leave_ai_receipts_with_their_evidence():
    threada = service()

    item = _awaiting_approval(threada)

    review, proposal = item.receipts
    assert item.status == "awaiting_approval"
    assert item.proposed_action is not None
    assert item.proposed_action.action_id == "issue_refund"
    assert (review.actor.type, review.outcome, review.status) == (
        "ai",
        "routed_to_review",
        "in_review",
    )
    assert (proposal.decision, proposal.outcome) == ("ai_propose", "proposed")
    assert proposal.evidence.citations[0].source == "kb://policies/refunds#damaged-goods"
    assert (proposal.action_id, proposal.integration_id) == ("issue_refund", "int_crm")


def test_a_human_approval_records_who_under_which_policy_with_what_evidence():
    threada = service()
    item = _awaiting_approval(threada)
    evidence = Evidence((Citation("crm://orders/A-1042", "photo of the damage"),), None)

    approved = threada.items.decide(dev(threada), item.work_item_id, "approve", evidence)

    receipt = approved.receipts[-1]
    assert approved.status == "approved"
    assert (receipt.actor.type, receipt.actor.id) == ("human", "acme-developer")
    assert (receipt.decision, receipt.outcome) == ("approve", "approved")
    assert (receipt.previous_status, receipt.status) == ("awaiting_approval", "approved")
    assert (receipt.policy.policy_set, receipt.policy.version) == ("default_governance", "2026-01")
    assert receipt.evidence == evidence
    assert receipt.action_id == "issue_refund"
    assert threada.items.get(dev(threada), item.work_item_id).receipts[-1] == receipt


def test_an_ai_credentials_decision_is_recorded_as_the_ais():
    threada = service()
    item = _awaiting_approval(threada)

    rejected = threada.items.decide(
        caller(threada, "threada-agent-key"), item.work_item_id, "reject", REASON
    )

    assert rejected.status == "rejected"
    assert rejected.receipts[-1].actor.type == "ai"


def test_a_decision_without_evidence_is_refused():
    threada = service()
    item = _awaiting_approval(threada)

    with pytest.raises(errors.EvidenceRequired):
        threada.items.decide(dev(threada), item.work_item_id, "approve", Evidence())
    assert threada.items.get(dev(threada), item.work_item_id).status == "awaiting_approval"


def test_decisions_need_workflow_manage():
    threada = service()
    item = _awaiting_approval(threada)

    with pytest.raises(errors.MissingScope, match="workflow:manage"):
        threada.items.decide(
            caller(threada, "threada-intake-key"), item.work_item_id, "approve", REASON
        )


def test_an_illegal_decision_names_the_status_and_writes_no_receipt():
    threada = service()
    item = threada.items.create(dev(threada), SEED_CREATE)

    with pytest.raises(IllegalMove, match="Cannot approve work item from status new"):
        threada.items.decide(dev(threada), item.work_item_id, "approve", REASON)
    assert threada.items.get(dev(threada), item.work_item_id).receipts == ()


def test_escalation_stops_decisioning_and_can_then_be_decided():
    threada = service()
    item = threada.items.create(dev(threada), SEED_CREATE)
    review = threada.scenarios.known("review").steps[0]

    escalated = threada.items.decide(dev(threada), item.work_item_id, "escalate", REASON)

    assert escalated.status == "escalated"
    assert threada.items.decision_step(item.work_item_id, review, "new") is None
    assert (
        threada.items.decide(dev(threada), item.work_item_id, "approve", REASON).status
        == "approved"
    )


def test_a_decisioning_step_for_a_status_the_item_left_is_dropped():
    threada = service()
    item = threada.items.create(dev(threada), SEED_CREATE)
    answer = DecisionStep(0, "resolved", REASON)

    assert threada.items.decision_step(item.work_item_id, answer, "in_review") is None
    assert threada.items.decision_step("wi_999", answer, "new") is None
    assert threada.items.get(dev(threada), item.work_item_id).status == "new"
