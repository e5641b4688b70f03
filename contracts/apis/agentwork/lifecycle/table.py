"""Agentwork's task lifecycle as the docs give it, written down apart from any implementation.

Seed 003 and the agent guide (other-seed-systems.md 3.4): the agent moves a task out of
`processing`; the customer answers a question, decides on a spec or a solution, or cancels.
"""

from __future__ import annotations

PROCESSING = "processing"
AWAITING_REPLY = "awaiting_reply"
AWAITING_SPEC = "awaiting_spec_approval"
AWAITING_SOLUTION = "awaiting_solution_approval"
COMPLETED = "completed"
CANCELLED = "cancelled"

STATUSES = (PROCESSING, AWAITING_REPLY, AWAITING_SPEC, AWAITING_SOLUTION, COMPLETED, CANCELLED)
TERMINAL = frozenset({COMPLETED, CANCELLED})
WAITING = frozenset({AWAITING_REPLY, AWAITING_SPEC, AWAITING_SOLUTION})
OPEN = frozenset(STATUSES) - TERMINAL

# A customer's action -> (the statuses it is legal from, the status it leads to).
# `read_result` is GET /result, which leaves the task where it is.
ACTIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "message": (frozenset({AWAITING_REPLY}), PROCESSING),
    "confirm_spec": (frozenset({AWAITING_SPEC}), PROCESSING),
    "reject_spec": (frozenset({AWAITING_SPEC}), PROCESSING),  # inferred: the agent revises
    "confirm_solution": (frozenset({AWAITING_SOLUTION}), COMPLETED),
    "reject_solution": (frozenset({AWAITING_SOLUTION}), PROCESSING),  # inferred: rework
    "cancel": (OPEN, CANCELLED),
    "read_result": (frozenset({COMPLETED}), None),
}

# The field of GET /tasks/{id} that is populated only while the task waits in a status.
WAITING_FIELD = {AWAITING_REPLY: "question", AWAITING_SPEC: "spec", AWAITING_SOLUTION: "solution"}

# Documented event types, plus the spec phase's (named like the solution's: inferred).
EVENT_TYPES = frozenset(
    {"status", "question", "reply", "message_to_customer", "solution_proposed"}
    | {"solution_decision", "spec_proposed", "spec_decision"}
)


def is_legal(action: str, status: str) -> bool:
    return status in ACTIONS[action][0]


def illegal_actions(status: str) -> list[str]:
    """Every customer action the task must refuse with 400 while it is in `status`."""
    return [action for action in ACTIONS if not is_legal(action, status)]
