"""The work-item and execution lifecycles as data: statuses, moves, who makes them, outcomes.

INFERRED: the reference documents only the work item status `new` and the execution status
`started`. Every other status and move below follows Threada's product description
(decisioning answers, refuses, routes to review or requests approval; approved actions run
against integrations with retries) as restated in other-seed-systems.md section 2.3.
"""

from __future__ import annotations

from collections.abc import Mapping

from mock_server.core.lifecycle import Rule, TransitionTable

NEW = "new"  # FIDELITY: documented, the status of a created work item
STATUSES = (
    "new", "in_review", "awaiting_approval", "approved", "rejected", "escalated", "executing",
    "resolved", "refused", "failed",
)  # fmt: skip
TERMINAL = frozenset({"resolved", "refused", "rejected", "failed"})
OPEN = frozenset({"new", "in_review", "awaiting_approval", "approved"})
DECIDABLE = frozenset({"awaiting_approval", "in_review", "escalated"})


def _rule(action: str, sources: frozenset[str] | str, target: str, verb: str) -> Rule:
    found = frozenset(sources.split()) if isinstance(sources, str) else sources
    return Rule(action, found, target, verb)


WORK_ITEM = TransitionTable(
    "work item",
    [
        # Simulated decisioning (actor: ai), from scenarios.
        _rule("ai_answer", "new", "resolved", "answer"),
        _rule("ai_refuse", "new", "refused", "refuse"),
        _rule("ai_review", "new", "in_review", "route to review"),
        _rule("ai_propose", "new in_review", "awaiting_approval", "request approval for"),
        # Decision-step controls (actor: human, scope workflow:manage).
        _rule("approve", DECIDABLE, "approved", "approve"),
        _rule("reject", DECIDABLE, "rejected", "reject"),
        _rule("escalate", OPEN, "escalated", "escalate"),
        # Governed execution; the policy narrows which of these sources a given action may use.
        _rule("execute", OPEN, "executing", "execute an action on"),
        _rule("execution_succeeded", "executing", "resolved", "resolve"),
        _rule("execution_failed", "executing", "failed", "fail"),
    ],
)

AI_ACTIONS = ("ai_answer", "ai_refuse", "ai_review", "ai_propose")
HUMAN_DECISIONS = ("approve", "reject", "escalate")

# FIDELITY: proposed, approved, rejected, executed, succeeded and failed are the outcome
# vocabulary of Threada's receipts blog. INFERRED: answered, refused, routed_to_review and
# escalated, for the decisioning moves the blog does not name.
OUTCOME_OF: Mapping[str, str] = {
    "ai_answer": "answered",
    "ai_refuse": "refused",
    "ai_review": "routed_to_review",
    "ai_propose": "proposed",
    "approve": "approved",
    "reject": "rejected",
    "escalate": "escalated",
    "execute": "executed",
    "execution_succeeded": "succeeded",
    "execution_failed": "failed",
}
OUTCOMES = tuple(dict.fromkeys(OUTCOME_OF.values()))


def ai_action_to(status: str) -> str | None:
    """The decisioning move that ends in `status`, if decisioning may reach it."""
    return next((a for a in AI_ACTIONS if WORK_ITEM.rule(a).target == status), None)


# FIDELITY: `started` is documented. INFERRED: `succeeded` and `failed` (receipts blog), and
# that a retryable failure keeps the execution `started` under the same idempotency key.
STARTED = "started"
EXECUTION_STATUSES = ("started", "succeeded", "failed")
EXECUTION = TransitionTable(
    "execution",
    [
        _rule("attempt", "started", "started", "attempt"),
        _rule("succeed", "started", "succeeded", "succeed"),
        _rule("fail", "started", "failed", "fail"),
    ],
)
