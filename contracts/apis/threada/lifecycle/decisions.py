"""Decisioning on the clock, and the decision-step controls (approve, reject, escalate)."""

from __future__ import annotations

from functools import partial

from contracts.apis.threada.lifecycle.client import Reply
from contracts.apis.threada.lifecycle.errors import error
from contracts.apis.threada.lifecycle.lab import Lab
from contracts.apis.threada.lifecycle.receipts import check_receipts, last_receipt, receipts_of
from contracts.lifecycle.expect import Expect, Skip

TERMINAL = ("resolved", "refused", "rejected", "failed")
# The emulator's scenarios (fixtures/threada/scenarios.yaml): where each ends, and when.
DECIDED = {
    "answer": ("resolved", "ai_answer", "answered", 2.0),
    "refuse": ("refused", "ai_refuse", "refused", 1.0),
}
REVIEW_AFTER = 2.0  # the `review` scenario routes to a person after 2 s


def decisioning_to_the_end(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        if lab.control is None:  # a deployment decides as it will: wait for any move
            item_id = lab.new_item(expect)
            moved = lab.until(
                partial(lab.api.get, item_id),
                lambda reply: reply.item.get("status") != "new",
                0,
                f"decisioning of {item_id}",
            )
            check_receipts(expect, moved)
            return
        for scenario, (status, decision, outcome, seconds) in DECIDED.items():
            item_id = lab.new_item(expect, scenario)
            ended = lab.until(partial(lab.api.get, item_id), _done, seconds, scenario)
            expect.require(expect.status(ended, 200))
            last = last_receipt(expect, ended, decision, outcome, status)
            actor = last.get("actor")
            kind = actor.get("type") if isinstance(actor, dict) else None
            expect.equal(ended, "the decisioning receipt's actor.type", kind, "ai")

    lab.run_case(
        "decisioning moves a work item on to a final status, with a receipt per move", body
    )


def _done(reply: Reply) -> bool:
    return reply.item.get("status") in TERMINAL


def controls(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        for decision, status, outcome in (
            ("approve", "approved", "approved"),
            ("reject", "rejected", "rejected"),
        ):
            item_id = lab.new_item(expect)
            escalated = lab.api.decide(item_id, "escalate")
            expect.require(expect.status(escalated, 200))
            last_receipt(expect, escalated, "escalate", "escalated", "escalated")
            decided = lab.api.decide(item_id, decision)
            expect.require(expect.status(decided, 200))
            last = last_receipt(expect, decided, decision, outcome, status)
            evidence = last.get("evidence")
            reason = evidence.get("fallback_reason") if isinstance(evidence, dict) else None
            expect.true(
                bool(reason), decided, "the decision's evidence on its receipt", f"{evidence!r}"
            )
            read = lab.api.get(item_id)
            expect.equal(read, "status read back", read.item.get("status"), status)
            moves = [r.get("decision") for r in receipts_of(read)]
            expect.equal(read, "decision steps read back", moves[-2:], ["escalate", decision])

    lab.run_case("decision steps: escalate, then approve or reject, each with a receipt", body)


def controls_after_review(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        lab.needs_control("an item routed to review on demand")
        item_id = lab.new_item(expect, "review")
        reviewed = lab.until(partial(lab.api.get, item_id), lambda r: True, REVIEW_AFTER, "review")
        expect.require(expect.equal(reviewed, "status", reviewed.item.get("status"), "in_review"))
        approved = lab.api.decide(item_id, "approve")
        expect.require(expect.status(approved, 200))
        last_receipt(expect, approved, "approve", "approved", "approved")

    lab.run_case("decision steps: a person approves what decisioning routed to review", body)


def illegal_moves(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        item_id = lab.new_item(expect)
        if lab.api.get(item_id).item.get("status") != "new":
            raise Skip(f"{item_id} left status new before it could be used")
        error(expect, lab.api.decide(item_id, "approve"), 409, "validation")
        error(expect, lab.api.decide(item_id, "escalate", evidence={}), 400, "validation")
        expect.require(expect.status(lab.api.decide(item_id, "escalate"), 200))
        expect.require(expect.status(lab.api.decide(item_id, "reject"), 200))
        error(expect, lab.api.decide(item_id, "approve"), 409, "validation")
        error(expect, lab.api.decide(item_id, "escalate"), 409, "validation")
        after = lab.api.get(item_id)
        expect.equal(after, "status after refused moves", after.item.get("status"), "rejected")
        check_receipts(expect, after)

    lab.run_case(
        "decision steps: a move the status does not allow is refused, nothing changes", body
    )


SCENARIOS = [decisioning_to_the_end, controls, controls_after_review, illegal_moves]
