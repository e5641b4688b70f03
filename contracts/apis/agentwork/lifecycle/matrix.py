"""Every action that is illegal in a status, tried there: 400 in the envelope, nothing moves."""

from __future__ import annotations

from contracts.apis.agentwork.lifecycle.expect import AgentworkExpect, Skip
from contracts.apis.agentwork.lifecycle.lab import Lab
from contracts.apis.agentwork.lifecycle.table import (
    COMPLETED,
    PROCESSING,
    STATUSES,
    illegal_actions,
)
from contracts.http import Exchange

AGENT_EVENTS = frozenset({"question", "spec_proposed", "solution_proposed", "message_to_customer"})


def case_name(action: str, status: str) -> str:
    return f"illegal {action} from {status}"


def perform(lab: Lab, action: str, task_id: str) -> Exchange:
    """The action with a body that is valid in itself, so only the status can refuse it."""
    reason = "verify: an illegal move"
    if action == "message":
        return lab.api.message(task_id, {"message": "An answer nobody asked for."})
    if action in ("confirm_spec", "reject_spec"):
        verdict = "CONFIRMED" if action == "confirm_spec" else "REJECTED"
        return lab.api.spec_status(task_id, verdict, reason if verdict == "REJECTED" else None)
    if action in ("confirm_solution", "reject_solution"):
        verdict = "CONFIRMED" if action == "confirm_solution" else "REJECTED"
        return lab.api.solution_status(task_id, verdict, reason if verdict == "REJECTED" else None)
    if action == "cancel":
        return lab.api.cancel(task_id)
    return lab.api.result(task_id)


def illegal_moves(lab: Lab, task_id: str, status: str) -> None:
    """One test case per action illegal in `status`, all on the one task (which must not move)."""
    for action in illegal_actions(status):

        def case(expect: AgentworkExpect, action: str = action) -> None:
            _refused(lab, expect, action, task_id, status)

        lab.run_case(case_name(action, status), case)


def skip_illegal_moves(lab: Lab, status: str, reason: str) -> None:
    for action in illegal_actions(status):
        lab.skip_case(case_name(action, status), reason)


def _refused(lab: Lab, expect: AgentworkExpect, action: str, task_id: str, status: str) -> None:
    before = lab.api.get(task_id)
    if before.item.get("status") != status:
        # Only a real deployment's agent moves a task on by itself, out of processing.
        raise Skip(f"the agent moved task {task_id} on from {status} before {action} was tried")
    exchange = perform(lab, action, task_id)
    racing = status == PROCESSING and lab.control is None  # a real agent moves on meanwhile
    if racing and 200 <= exchange.status < 300 and _agent_moved(lab, task_id):
        raise Skip(f"the agent moved task {task_id} on just before {action}")
    if not expect.status(exchange, 400):
        return
    expect.envelope(exchange)
    after = lab.api.get(task_id)
    expect.true(
        after.item.get("status") == status or racing,
        after,
        f"an illegal {action} leaves the task {status}",
        f"status {after.item.get('status')!r}",
    )


def _agent_moved(lab: Lab, task_id: str) -> bool:
    """Whether the task's activity log shows the agent asking, proposing or finishing."""
    if lab.status_of(task_id) == COMPLETED:
        return True
    events = lab.api.events(task_id).item.get("events")
    kinds = (
        {e.get("type") for e in events if isinstance(e, dict)}
        if isinstance(events, list)
        else set()
    )
    return bool(kinds & AGENT_EVENTS)


ALL_CASES = [case_name(a, s) for s in STATUSES for a in illegal_actions(s)]
