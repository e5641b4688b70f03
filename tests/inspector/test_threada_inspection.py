"""The inspector's Threada provider, without a browser: work items as rows, a person's
decisions with their evidence, receipts, and the webhooks of the item's executions."""

import pytest

from mock_server.apis.threada.domain.access import SCOPES, Caller
from mock_server.apis.threada.domain.errors import EvidenceRequired
from mock_server.apis.threada.domain.executions import ExecuteRequest
from mock_server.apis.threada.domain.model import Actor
from mock_server.apis.threada.domain.work_items import CreateRequest
from mock_server.apis.threada.runtime import ThreadaRuntime
from mock_server.core.errors import BadRequest, IllegalMove
from mock_server.hosting.resources import ResourceQuery
from tests.inspector.forms import html, submit

ACME = Caller("dev", "acme", "dev", True, frozenset(SCOPES), Actor("human", "dev"))


@pytest.fixture
def threada(emulator) -> ThreadaRuntime:
    api = emulator.apis["threada"]
    assert isinstance(api, ThreadaRuntime)
    return api


def new_item(api: ThreadaRuntime, workflow: str = "refunds") -> str:
    request = CreateRequest(workflow, {"message": "A damaged parcel"}, "web_main")
    return api.service.items.create(ACME, request).work_item_id


def allowed(api: ThreadaRuntime, item: str) -> dict[str, tuple[bool, str]]:
    return {a.name: (a.allowed, a.reason) for a in api.actions(item)}


def test_work_items_are_rows_named_by_workflow_with_their_status_and_tenant(threada):
    refund = new_item(threada)
    review = new_item(threada, "policy_review")

    rows = threada.browse(ResourceQuery()).views

    assert [(v.resource_id, v.kind, v.name, v.status, v.tenant) for v in rows] == [
        (review, "work item", "policy_review", "new", "acme"),
        (refund, "work item", "refunds", "new", "acme"),
    ]
    assert [v.resource_id for v in threada.browse(ResourceQuery(text="refund")).views] == [refund]
    assert threada.browse(ResourceQuery(tenant="globex")).views == []


def test_a_decision_needs_evidence_and_a_status_that_allows_it(threada):
    item = new_item(threada)  # the approval scenario: review, then a proposed refund
    assert allowed(threada, item)["approve"] == (
        False,
        "Cannot approve work item from status new "
        "(allowed from awaiting_approval, escalated, in_review)",
    )
    with pytest.raises(IllegalMove, match="Cannot approve work item from status new"):
        threada.perform(item, "approve", "looks right")
    threada.services.scheduler.advance(3)  # in review, then awaiting approval

    [approve] = [a for a in threada.actions(item) if a.name == "approve"]
    with pytest.raises(EvidenceRequired, match="needs its evidence"):
        threada.perform(item, "approve", None)
    approved = threada.perform(item, "approve", "Photos show the damage.")

    assert (approve.allowed, approve.text, approve.text_required) == (
        True,
        "Evidence (fallback reason)",
        True,
    )
    assert approved.status == "approved"
    receipt = threada.service.items.store.get(item).receipts[-1]
    assert (receipt.actor, receipt.evidence.fallback_reason) == (
        Actor("human", "inspector"),
        "Photos show the damage.",
    )
    assert threada.history(item)[-1].actor == "client"
    assert allowed(threada, item)["reject"][0] is False


def test_escalate_and_reject_stop_decisioning_and_unknown_decisions_are_refused(threada):
    item = new_item(threada)
    planned = [n.text for n in threada.notes(item) if n.upcoming]
    before = threada.revision()

    assert threada.perform(item, "escalate", "Needs a supervisor.").status == "escalated"
    assert threada.perform(item, "reject", "Out of warranty.").status == "rejected"
    with pytest.raises(BadRequest, match="Unknown work item decision 'execute'"):
        threada.perform(item, "execute", "x")
    threada.services.scheduler.advance(5)

    assert planned == ["decisioning step 1 of 2: to in_review"]
    assert not any(n.upcoming for n in threada.notes(item))
    assert threada.view(item).status == "rejected"
    assert threada.revision() > before
    receipts = [n.text for n in threada.notes(item) if n.kind == "receipt"]
    assert receipts[-1].endswith("rejected; Out of warranty.")


def test_the_page_shows_the_webhooks_of_the_items_executions(threada, advance, anonymous):
    item = new_item(threada, "policy_review")
    request = ExecuteRequest(item, "request_approval", "int_ticketing")
    execution, _ = threada.service.executions.execute(ACME, request)
    advance(1)

    page = html(anonymous, f"/_mock/work-items/{item}")
    deliveries = html(anonymous, "/_mock/inspector/deliveries")

    assert threada.delivery_subjects(item) == [item, f"threada/{execution.execution_id}"]
    assert f'<a href="/_mock/work-items/{item}">threada/{execution.execution_id}</a>' in deliveries
    assert f"execution {execution.execution_id} of request_approval: succeeded" in page
    assert "/_mock/inbox/threada-ticketing, attempt 1: 200" in page


def test_the_page_escalates_with_the_evidence_typed(threada, anonymous):
    item = new_item(threada)
    back = f"/_mock/work-items/{item}"
    action = f"/_mock/inspector/work-items/{item}/actions/escalate"

    page = html(anonymous, back)
    submit(anonymous, action, back)
    refused = html(anonymous, back)
    submit(anonymous, action, back, text="Customer asked for a manager.")
    escalated = html(anonymous, back)

    assert '<label for="text-escalate">Evidence (fallback reason)' in page
    assert "A decision to escalate needs its evidence" in refused
    assert "Escalate: refunds is now escalated." in escalated


def test_an_item_awaiting_approval_wears_a_waiting_badge_not_an_approved_one(threada, anonymous):
    waiting = new_item(threada)
    approved = new_item(threada, "policy_review")
    threada.services.scheduler.advance(3)
    threada.perform(approved, "approve", "Reviewed by hand.")

    overview = html(anonymous, "/_mock/inspector")

    assert threada.view(waiting).status == "awaiting_approval"
    assert '<span class="badge tone-wait">awaiting_approval</span>' in overview
    assert '<span class="badge tone-ok">approved</span>' in overview
