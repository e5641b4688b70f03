"""Receipts on a work item: one per move, each naming actor, policy, evidence and outcome."""

from __future__ import annotations

from typing import Any

from contracts.apis.threada.lifecycle.client import Reply
from contracts.lifecycle.expect import Expect

RECEIPT_CHECK = "each move leaves a receipt: actor, policy set and version, evidence, outcome"
ACTOR_TYPES = ("human", "ai", "system")
CALLER_MOVES = ("approve", "reject", "escalate", "execute")  # receipts a caller's request makes


def receipts_of(reply: Reply) -> list[dict[str, Any]]:
    listed = reply.item.get("receipts")
    return [r for r in listed if isinstance(r, dict)] if isinstance(listed, list) else []


def receipt_problem(receipt: dict[str, Any]) -> str | None:
    actor, policy, evidence = receipt.get("actor"), receipt.get("policy"), receipt.get("evidence")
    if not isinstance(actor, dict) or actor.get("type") not in ACTOR_TYPES or not actor.get("id"):
        return f"actor {actor!r} is not {{type: human|ai|system, id}}"
    if not isinstance(policy, dict) or not policy.get("policy_set") or not policy.get("version"):
        return f"policy {policy!r} names no policy set and version"
    if not isinstance(evidence, dict):
        return f"evidence {evidence!r} is not an object"
    if not evidence.get("citations") and not evidence.get("fallback_reason"):
        return "evidence has neither citations nor a fallback reason"
    for name in ("receipt_id", "at", "decision", "outcome", "previous_status", "status"):
        if not isinstance(receipt.get(name), str) or not receipt[name]:
            return f"{name} is {receipt.get(name)!r}"
    return None


def check_receipts(expect: Expect, reply: Reply) -> list[dict[str, Any]]:
    """Every receipt complete, chained status to status from `new` to where the item is."""
    receipts = receipts_of(reply)
    for receipt in receipts:
        problem = receipt_problem(receipt)
        if problem is not None:
            expect.violation(reply, RECEIPT_CHECK, f"{problem}: {receipt}", check=RECEIPT_CHECK)
            return receipts
    statuses = ["new"] + [str(r.get("status")) for r in receipts]
    previous = [str(r.get("previous_status")) for r in receipts]
    expect.true(
        previous == statuses[:-1] and statuses[-1] == reply.item.get("status"),
        reply,
        "receipts chained from new to the item's status (previous_status -> status)",
        f"moves {list(zip(previous, statuses[1:], strict=True))}, "
        f"status {reply.item.get('status')!r}",
    )
    return receipts


def last_receipt(
    expect: Expect, reply: Reply, decision: str, outcome: str, status: str
) -> dict[str, Any]:
    """The newest receipt records `decision` with `outcome`, moving the item to `status`."""
    receipts = check_receipts(expect, reply)
    last = receipts[-1] if receipts else {}
    found = (last.get("decision"), last.get("outcome"), last.get("status"))
    expect.true(
        found == (decision, outcome, status),
        reply,
        f"a last receipt (decision, outcome, status) = {(decision, outcome, status)}",
        f"{found} of {len(receipts)} receipts",
    )
    return last
