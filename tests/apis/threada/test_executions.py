"""Governed execution without Flask: policy approval, idempotency, attempts and outcomes."""

from __future__ import annotations

import dataclasses

import pytest

from mock_server.apis.threada.domain import errors
from mock_server.apis.threada.domain.executions import ExecuteRequest
from mock_server.apis.threada.domain.model import Citation, Evidence, Execution, ExecutionError
from mock_server.apis.threada.domain.work_items import CreateRequest
from tests.apis.threada.support import REASON, SEED_CREATE, caller, dev, example, service

SEED_EXECUTE = ExecuteRequest("wi_123", "request_approval", "int_workflow")


def seeded():
    threada = service()
    threada.items.create(example(threada), SEED_CREATE)
    return threada


def approved_refund(threada):
    item = threada.items.create(dev(threada), CreateRequest("refunds", {}, "web_main"))
    for step, status in zip(
        threada.scenarios.known("approval").steps, ("new", "in_review"), strict=True
    ):
        threada.items.decision_step(item.work_item_id, step, status)
    return threada.items.decide(dev(threada), item.work_item_id, "approve", REASON)


def test_the_references_execute_answers_ex_456_started_idem_789():
    threada = seeded()

    execution, replayed = threada.executions.execute(example(threada), SEED_EXECUTE)

    assert (execution.execution_id, execution.status, execution.idempotency_key) == (
        "ex_456", "started", "idem_789",
    )  # fmt: skip
    assert not replayed
    item = threada.items.get(example(threada), "wi_123")
    assert item.status == "executing"
    assert item.execution_ids == ("ex_456",)
    receipt = item.receipts[-1]
    assert (receipt.decision, receipt.outcome, receipt.execution_id) == (
        "execute",
        "executed",
        "ex_456",
    )
    assert receipt.evidence.fallback_reason == (
        "Policy default_governance 2026-01 allows request_approval on int_workflow."
    )


def test_the_same_request_again_answers_the_same_execution_and_starts_nothing():
    threada = seeded()
    started: list[Execution] = []
    threada.executions.on_started(started.append)
    first, _ = threada.executions.execute(example(threada), SEED_EXECUTE)

    again, replayed = threada.executions.execute(example(threada), SEED_EXECUTE)
    with_a_new_key, also_replayed = threada.executions.execute(
        example(threada), SEED_EXECUTE, "client-key-2"
    )

    assert again == first == with_a_new_key
    assert replayed
    assert also_replayed
    assert started == [first]
    assert len(threada.items.get(example(threada), "wi_123").receipts) == 1
    assert threada.numbering.new("execution") == "ex_457"


def test_the_same_key_answers_its_execution_and_refuses_another_request():
    threada = seeded()
    threada.items.create(example(threada), SEED_CREATE)  # wi_124
    first, _ = threada.executions.execute(example(threada), SEED_EXECUTE, "order-1042")

    again, replayed = threada.executions.execute(example(threada), SEED_EXECUTE, "order-1042")
    with pytest.raises(errors.IdempotencyKeyReused, match="execution ex_456"):
        threada.executions.execute(
            example(threada), ExecuteRequest("wi_124", "request_approval", "int_workflow"),
            "order-1042",
        )  # fmt: skip

    assert (again, replayed) == (first, True)
    assert first.idempotency_key == "order-1042"
    assert threada.items.get(example(threada), "wi_124").status == "new"


def test_idempotency_keys_are_per_tenant():
    threada = seeded()
    threada.executions.execute(example(threada), SEED_EXECUTE, "k-1")
    other = threada.items.create(dev(threada), SEED_CREATE)

    execution, replayed = threada.executions.execute(
        dev(threada), ExecuteRequest(other.work_item_id, "request_approval", "int_workflow"), "k-1"
    )

    assert not replayed
    assert execution.execution_id == "ex_457"


@pytest.mark.parametrize("key", ["", "has space", "x" * 256, "caf\u00e9"])
def test_a_malformed_idempotency_key_is_refused(key):
    threada = seeded()

    with pytest.raises(errors.InvalidIdempotencyKey):
        threada.executions.execute(example(threada), SEED_EXECUTE, key)


@pytest.mark.parametrize(
    ("action", "integration", "error"),
    [
        ("close_account", "int_workflow", errors.ActionDenied),
        ("request_approval", "int_crm", errors.IntegrationNotPermitted),
        ("issue_refund", "int_crm", errors.ApprovalRequired),
    ],
)
def test_an_action_the_policy_does_not_approve_is_a_policy_error(action, integration, error):
    threada = seeded()

    with pytest.raises(error) as raised:
        threada.executions.execute(example(threada), ExecuteRequest("wi_123", action, integration))

    assert raised.value.category == "policy"
    assert raised.value.code == "forbidden"
    item = threada.items.get(example(threada), "wi_123")
    assert (item.status, item.receipts, threada.executions.all()) == ("new", (), [])


def test_an_action_without_a_rule_in_the_items_policy_is_not_in_policy():
    threada = service()
    item = threada.items.create(dev(threada), CreateRequest("support_triage", {}))

    with pytest.raises(errors.ActionNotInPolicy, match="support_policies v7 has no rule"):
        threada.executions.execute(
            dev(threada), ExecuteRequest(item.work_item_id, "close_account", "int_crm")
        )


def test_a_closed_work_item_is_not_actionable():
    threada = seeded()
    threada.items.decide(example(threada), "wi_123", "escalate", REASON)

    with pytest.raises(errors.WorkItemNotActionable, match="wi_123 is escalated"):
        threada.executions.execute(example(threada), SEED_EXECUTE)


def test_an_approval_lets_the_proposed_action_run_and_only_that_one():
    threada = service()
    item = approved_refund(threada)

    execution, _ = threada.executions.execute(
        dev(threada), ExecuteRequest(item.work_item_id, "issue_refund", "int_crm")
    )

    assert execution.status == "started"
    receipt = threada.items.get(dev(threada), item.work_item_id).receipts[-1]
    assert receipt.evidence.fallback_reason == (
        "Approved in receipt rc_3 under Policy default_governance 2026-01."
    )


def test_an_approval_covers_the_proposed_action_only_or_any_without_a_proposal():
    threada = service()
    item = approved_refund(threada)
    unproposed = dataclasses.replace(item, proposed_action=None)

    assert item.approval_covers("issue_refund")
    assert not item.approval_covers("send_reply")
    assert unproposed.approval_covers("send_reply")
    assert not dataclasses.replace(unproposed, status="escalated").approval_covers("send_reply")


def test_a_disabled_integration_is_an_execution_error():
    threada = service()
    item = approved_refund(threada)

    with pytest.raises(errors.IntegrationDisabled) as raised:
        threada.executions.execute(
            dev(threada), ExecuteRequest(item.work_item_id, "issue_refund", "int_payments")
        )

    assert raised.value.category == "execution"
    assert threada.items.get(dev(threada), item.work_item_id).status == "approved"


@pytest.mark.parametrize(
    ("request_", "error"),
    [
        (ExecuteRequest("wi_999", "request_approval", "int_workflow"), errors.WorkItemNotFound),
        (ExecuteRequest("wi_123", "fly", "int_workflow"), errors.UnknownAction),
        (ExecuteRequest("wi_123", "request_approval", "int_fax"), errors.UnknownIntegration),
    ],
)
def test_unknown_references_are_validation_errors(request_, error):
    threada = seeded()

    with pytest.raises(error) as raised:
        threada.executions.execute(example(threada), request_)
    assert raised.value.category == "validation"


def test_executing_needs_actions_execute_and_reading_needs_it_or_workitems_read():
    threada = seeded()
    execution, _ = threada.executions.execute(example(threada), SEED_EXECUTE)

    with pytest.raises(errors.MissingScope, match="actions:execute"):
        threada.executions.execute(caller(threada, "threada-intake-key"), SEED_EXECUTE)
    with pytest.raises(errors.MissingScope, match="actions:execute or workitems:read"):
        threada.executions.get(caller(threada, "threada-analyst-key"), "ex_456")
    assert threada.executions.get(example(threada), "ex_456") == execution
    with pytest.raises(errors.ExecutionNotFound):
        threada.executions.get(dev(threada), "ex_456")


def test_given_evidence_goes_on_the_receipt():
    threada = seeded()
    evidence = Evidence((Citation("ticket://RT-7"),), None)

    threada.executions.execute(
        example(threada), ExecuteRequest("wi_123", "request_approval", "int_workflow", evidence)
    )

    assert threada.items.get(example(threada), "wi_123").receipts[-1].evidence == evidence


def test_success_resolves_the_item_with_a_system_receipt_linking_the_external_record():
    threada = seeded()
    threada.executions.execute(example(threada), SEED_EXECUTE)

    assert threada.executions.attempt("ex_456") is not None
    done = threada.executions.succeed("ex_456", "int_workflow:APR-1")

    assert done is not None
    assert (done.status, done.attempts, done.external_ref) == ("succeeded", 1, "int_workflow:APR-1")
    item = threada.items.get(example(threada), "wi_123")
    receipt = item.receipts[-1]
    assert item.status == "resolved"
    assert (receipt.actor.type, receipt.actor.id) == ("system", "int_workflow")
    assert (receipt.outcome, receipt.external_ref) == ("succeeded", "int_workflow:APR-1")
    assert threada.executions.attempt("ex_456") is None
    assert threada.executions.succeed("ex_456", "again") is None


def test_failure_fails_the_item_with_the_reason_code():
    threada = seeded()
    threada.executions.execute(example(threada), SEED_EXECUTE)

    done = threada.executions.fail("ex_456", ExecutionError("retries_exhausted", "gave up", False))

    assert done is not None
    assert done.status == "failed"
    item = threada.items.get(example(threada), "wi_123")
    assert (item.status, item.receipts[-1].reason_code) == ("failed", "retries_exhausted")
    again, replayed = threada.executions.execute(example(threada), SEED_EXECUTE)
    assert (again.status, replayed) == ("failed", True)
