"""The task statuses and which move is legal from which, as data, in two profiles.

The agent guide, llms.txt and the official client know a spec phase (`awaiting_spec_approval`)
that the API reference's status table leaves out; the `agent-guide` profile (the default)
has it, the `api-reference` profile does not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mock_server.core.errors import IllegalMove
from mock_server.core.lifecycle import Rule, TransitionTable

PROCESSING = "processing"
AWAITING_REPLY = "awaiting_reply"
AWAITING_SPEC = "awaiting_spec_approval"
AWAITING_SOLUTION = "awaiting_solution_approval"
COMPLETED = "completed"
CANCELLED = "cancelled"

TERMINAL = frozenset({COMPLETED, CANCELLED})
OPEN = f"{PROCESSING} {AWAITING_REPLY} {AWAITING_SPEC} {AWAITING_SOLUTION}"  # not terminal


def _rule(action: str, sources: str, target: str, verb: str) -> Rule:
    return Rule(action, frozenset(sources.split()), target, verb)


# Every move anyone can make: a customer's (through the API), the agent's (on its own).
RULES = (
    _rule("reply", AWAITING_REPLY, PROCESSING, "reply to"),
    _rule("confirm_spec", AWAITING_SPEC, PROCESSING, "confirm the spec of"),
    # FIDELITY (inferred): a rejected spec goes back to processing and the agent revises it.
    _rule("reject_spec", AWAITING_SPEC, PROCESSING, "reject the spec of"),
    _rule("confirm_solution", AWAITING_SOLUTION, COMPLETED, "confirm the solution of"),
    # FIDELITY (inferred): a rejected solution goes back to processing for rework.
    _rule("reject_solution", AWAITING_SOLUTION, PROCESSING, "reject the solution of"),
    _rule("cancel", OPEN, CANCELLED, "cancel"),
    _rule("read_result", COMPLETED, COMPLETED, "read the result of"),
    _rule("agent_note", PROCESSING, PROCESSING, "report progress on"),
    _rule("agent_ask", PROCESSING, AWAITING_REPLY, "ask about"),
    _rule("agent_propose_spec", PROCESSING, AWAITING_SPEC, "propose a spec for"),
    _rule("agent_propose_solution", PROCESSING, AWAITING_SOLUTION, "propose a solution for"),
    _rule("agent_finish", PROCESSING, COMPLETED, "finish"),
)
SPEC_ACTIONS = frozenset({"confirm_spec", "reject_spec", "agent_propose_spec"})

# What a refused client action answers, by the status it needs (detail of the 400).
EXPECTED = {
    AWAITING_REPLY: "Task is not awaiting a reply",
    AWAITING_SPEC: "Task is not awaiting spec approval",
    AWAITING_SOLUTION: "Task is not awaiting solution approval",
    COMPLETED: "Task is not completed yet",
}


@dataclass(frozen=True)
class Lifecycle:
    name: str
    statuses: tuple[str, ...]
    table: TransitionTable
    spec_phase: bool

    def knows(self, action: str) -> bool:
        return action in self.table.actions

    def allows(self, action: str, status: str) -> bool:
        return self.knows(action) and self.table.allows(action, status)

    def target(self, action: str, status: str) -> str:
        """Where `action` leads from `status`, or IllegalMove worded as the API words it."""
        if not self.knows(action):
            raise IllegalMove(
                f"The spec phase is off in this deployment; tasks never await spec approval "
                f"(status: {status})",
                field="status",
                issue=f"{action} is not an action of the {self.name} lifecycle",
            )
        if self.table.allows(action, status):
            return self.table.rule(action).target
        raise IllegalMove(self.refusal(action, status), field="status", issue=status)

    def refusal(self, action: str, status: str) -> str:
        if status in TERMINAL and action == "cancel":
            return f"Task is already {status}"  # FIDELITY: "400 — task is already completed"
        rule = self.table.rule(action)
        needed = next(iter(rule.sources)) if len(rule.sources) == 1 else None
        if needed in EXPECTED:
            return f"{EXPECTED[needed]} (status: {status})"
        return f"Cannot {rule.verb} a task that is {status}"


def _lifecycle(name: str, *, spec_phase: bool) -> Lifecycle:
    statuses = [PROCESSING, AWAITING_REPLY, AWAITING_SPEC, AWAITING_SOLUTION, COMPLETED, CANCELLED]
    rules = list(RULES)
    if not spec_phase:
        statuses.remove(AWAITING_SPEC)
        rules = [
            Rule(r.action, r.sources - {AWAITING_SPEC}, r.target, r.verb)
            for r in rules
            if r.action not in SPEC_ACTIONS
        ]
    return Lifecycle(name, tuple(statuses), TransitionTable("task", rules), spec_phase)


AGENT_GUIDE = _lifecycle("agent-guide", spec_phase=True)
API_REFERENCE = _lifecycle("api-reference", spec_phase=False)
LIFECYCLES: Mapping[str, Lifecycle] = {each.name: each for each in (AGENT_GUIDE, API_REFERENCE)}
ALL_STATUSES = AGENT_GUIDE.statuses
