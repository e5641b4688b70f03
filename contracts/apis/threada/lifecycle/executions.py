"""Governed execution: approved actions run to succeeded or failed, others are policy errors."""

from __future__ import annotations

from functools import partial

from contracts.apis.threada.lifecycle.client import Reply
from contracts.apis.threada.lifecycle.errors import code_of, error
from contracts.apis.threada.lifecycle.lab import Lab
from contracts.apis.threada.lifecycle.receipts import check_receipts
from contracts.lifecycle.expect import Expect

ENDED = ("succeeded", "failed")
LATENCY = 1.0  # the fixtures' simulated integrations answer after 1 s
# The emulator's fixtures: an action needing approval, and where it fails or is retried.
GATED_ACTION = "issue_refund"
FAILING = "int_legacy_erp"  # always refuses
FLAKY = "int_crm"  # fails once (retryable), then succeeds; backoff 2 s
REFUSALS = (  # (action, integration): denied, needs an approval, integration not permitted
    ("close_account", "int_workflow"),
    (GATED_ACTION, FLAKY),
    ("request_approval", FLAKY),
)


def started(lab: Lab, expect: Expect, reply: Reply) -> str:
    expect.require(expect.status(reply, 202))
    expect.equal(reply, "status", reply.item.get("status"), "started")
    execution_id = reply.item.get("execution_id")
    expect.require(
        expect.true(isinstance(execution_id, str), reply, "an execution_id", reply.summary())
    )
    return str(execution_id)


def ended(lab: Lab, execution_id: str, seconds: float) -> Reply:
    read = partial(lab.api.execution, execution_id)
    return lab.until(read, _has_ended, seconds, f"the end of {execution_id}")


def _has_ended(reply: Reply) -> bool:
    return reply.item.get("status") in ENDED


def approved_item(lab: Lab, expect: Expect) -> str:
    """A new work item a person escalated and approved (so gated actions may run on it)."""
    item_id = lab.new_item(expect)
    for decision in ("escalate", "approve"):
        expect.require(expect.status(lab.api.decide(item_id, decision), 200))
    return item_id


def on_the_item(lab: Lab, expect: Expect, item_id: str, execution_id: str, outcome: str) -> None:
    item = lab.api.get(item_id)
    expect.true(
        execution_id in (item.item.get("execution_ids") or []),
        item,
        f"execution_ids of {item_id} list {execution_id}",
        f"execution_ids {item.item.get('execution_ids')!r}",
    )
    outcomes = [
        r.get("outcome")
        for r in check_receipts(expect, item)
        if r.get("execution_id") == execution_id
    ]
    expect.true(
        outcome in outcomes,
        item,
        f"a receipt of {execution_id} with outcome {outcome}",
        f"outcomes {outcomes}",
    )


def runs_to_success(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        item_id = lab.new_item(expect)
        execution_id = started(lab, expect, lab.api.execute(item_id))
        status = ended(lab, execution_id, LATENCY)
        expect.require(expect.status(status, 200))
        expect.equal(status, "execution_id", status.item.get("execution_id"), execution_id)
        expect.equal(status, "status", status.item.get("status"), "succeeded")
        on_the_item(lab, expect, item_id, execution_id, "succeeded")

    lab.run_case("execution: an approved action runs to succeeded, its status readable", body)


def runs_to_failure(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        lab.needs_control("an integration that fails on demand")
        item_id = approved_item(lab, expect)
        execution_id = started(lab, expect, lab.api.execute(item_id, GATED_ACTION, FAILING))
        status = ended(lab, execution_id, LATENCY)
        expect.equal(status, "status", status.item.get("status"), "failed")
        failure = status.item.get("error")
        kind = failure.get("type") if isinstance(failure, dict) else None
        expect.equal(status, "error.type", kind, "execution")
        on_the_item(lab, expect, item_id, execution_id, "failed")

    lab.run_case("execution: a failing integration ends the execution failed, saying why", body)


def retried_to_success(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        lab.needs_control("an integration that fails once on demand")
        item_id = approved_item(lab, expect)
        first = lab.api.execute(item_id, GATED_ACTION, FLAKY)
        execution_id = started(lab, expect, first)
        status = ended(lab, execution_id, 2 * LATENCY + 2)  # an attempt, the backoff, another
        expect.equal(status, "status", status.item.get("status"), "succeeded")
        attempts = status.item.get("attempts")
        expect.true(
            isinstance(attempts, int) and attempts >= 2,
            status,
            "attempts >= 2",
            f"attempts {attempts!r}",
        )
        key = status.item.get("idempotency_key")
        expect.equal(status, "idempotency_key", key, first.item.get("idempotency_key"))

    lab.run_case("execution: a retryable failure is retried under the same key", body)


def closed_item_refused(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        item_id = lab.new_item(expect)
        for decision in ("escalate", "reject"):
            expect.require(expect.status(lab.api.decide(item_id, decision), 200))
        error(expect, lab.api.execute(item_id), 403, "policy")
        item = lab.api.get(item_id)
        expect.equal(item, "execution_ids", item.item.get("execution_ids") or [], [])

    lab.run_case("execution: an action on a rejected work item is refused by policy", body)


def policy_refusals(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        lab.needs_control("the fixtures' denied and gated actions")
        item_id = lab.new_item(expect)
        codes = []
        for action, integration in REFUSALS:
            refused = lab.api.execute(item_id, action, integration)
            if error(expect, refused, 403, "policy"):
                codes.append(code_of(refused))
        expect.true(
            len(set(codes)) == len(REFUSALS),
            None,
            "a reason code per refusal reason",
            f"codes {codes}",
        )
        item = lab.api.get(item_id)
        expect.equal(item, "status after refusals", item.item.get("status"), "new")
        expect.equal(item, "execution_ids", item.item.get("execution_ids") or [], [])

    lab.run_case("execution: each policy refusal is a policy error with its own reason code", body)


SCENARIOS = [
    runs_to_success,
    runs_to_failure,
    retried_to_success,
    closed_item_refused,
    policy_refusals,
]
