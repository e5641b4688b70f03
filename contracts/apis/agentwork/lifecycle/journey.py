"""One task walked from processing to completed, checked at every status it waits in.

At each waiting status the suite tries every illegal action (the matrix), checks the field
the status shows, and answers: the question, then the spec and the solution are each
rejected once (back to processing, revised) and confirmed the second time. On the emulator
the suite's own scenario makes the agent stop at every status; a real agent's path is
followed wherever it goes, and statuses it never visited are skipped with the path it took.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from contracts.apis.agentwork.lifecycle import matrix, refusals, stops
from contracts.apis.agentwork.lifecycle.control import JOURNEY
from contracts.apis.agentwork.lifecycle.expect import AgentworkExpect, Skip
from contracts.apis.agentwork.lifecycle.lab import NO_SPEC_PHASE, Lab
from contracts.apis.agentwork.lifecycle.table import (
    AWAITING_REPLY,
    AWAITING_SOLUTION,
    AWAITING_SPEC,
    COMPLETED,
    PROCESSING,
    WAITING,
)

MAX_STOPS = 10  # a real agent asking question after question is followed this far
CREATE = "create answers 201 with status processing"
ORDER = (AWAITING_REPLY, AWAITING_SPEC, AWAITING_SOLUTION, COMPLETED)
# The cases each status's visit runs, so the ones never reached can be skipped by name.
CASES = {
    AWAITING_REPLY: [stops.shown_name(AWAITING_REPLY), refusals.EMPTY_MESSAGE, stops.MESSAGE],
    AWAITING_SPEC: [stops.shown_name(AWAITING_SPEC), stops.REJECT_SPEC, stops.CONFIRM_SPEC],
    AWAITING_SOLUTION: [
        stops.shown_name(AWAITING_SOLUTION),
        refusals.BAD_VERDICT,
        stops.REJECT_SOLUTION,
        stops.CONFIRM_SOLUTION,
    ],
}


@dataclass
class Walk:
    task_id: str = ""
    path: list[str] = field(default_factory=lambda: [PROCESSING])
    activity: list[str] = field(default_factory=list)  # last_activity_at at every stop
    solution: object = None  # the content of the solution confirmed
    visits: dict[str, int] = field(default_factory=dict)


def journey(lab: Lab) -> Walk:
    """Walk one task to completed; the walk tells later checks which task and path it took."""
    walk = Walk()
    lab.run_case(CREATE, lambda expect: _create(lab, expect, walk))
    if not walk.task_id:
        for status in (PROCESSING, *ORDER):
            _skip_status(lab, status, "no task could be created")
        return walk
    matrix.illegal_moves(lab, walk.task_id, PROCESSING)
    for _ in range(MAX_STOPS):
        status = lab.wait_while(walk.task_id, PROCESSING)
        if status == PROCESSING:
            break  # the agent is too slow: _skip_unreached says so
        walk.path.append(status)
        walk.activity.append(str(lab.api.get(walk.task_id).item.get("last_activity_at")))
        if status not in WAITING:
            break
        walk.visits[status] = walk.visits.get(status, 0) + 1
        _visit(lab, walk, status)
        if lab.status_of(walk.task_id) == status:
            break  # the customer's move did not take: nothing more to walk
    if walk.path[-1] == COMPLETED:
        matrix.illegal_moves(lab, walk.task_id, COMPLETED)
    _skip_unreached(lab, walk)
    return walk


def _create(lab: Lab, expect: AgentworkExpect, walk: Walk) -> None:
    walk.task_id = lab.new_task(expect, "verify: build a landing page", JOURNEY)


def _visit(lab: Lab, walk: Walk, status: str) -> None:
    first = walk.visits[status] == 1
    task_id = walk.task_id
    if first:
        matrix.illegal_moves(lab, task_id, status)
    if status == AWAITING_REPLY:
        if first:
            lab.run_case(stops.shown_name(status), lambda e: _shown(lab, e, task_id, status))
            lab.run_case(
                refusals.EMPTY_MESSAGE, lambda e: refusals.empty_message(lab, e, task_id, status)
            )
        shown = lab.api.get(task_id).item.get("question")
        question: dict[str, Any] = shown if isinstance(shown, dict) else {}
        case = stops.ANSWERS if stops.structured(question) is not None else stops.MESSAGE
        lab.run_case(case, lambda e: stops.answer(lab, e, task_id, question))
        return
    what = "spec" if status == AWAITING_SPEC else "solution"
    reject_case = stops.REJECT_SPEC if what == "spec" else stops.REJECT_SOLUTION
    confirm_case = stops.CONFIRM_SPEC if what == "spec" else stops.CONFIRM_SOLUTION
    if first:
        lab.run_case(stops.shown_name(status), lambda e: _shown(lab, e, task_id, status))
        if what == "solution":
            lab.run_case(
                refusals.BAD_VERDICT, lambda e: refusals.bad_verdict(lab, e, task_id, status)
            )
        lab.run_case(reject_case, lambda e: stops.reject(lab, e, task_id, what))
    else:
        if what == "solution":  # what the result must say once it is confirmed
            shown = lab.api.get(task_id).item.get("solution")
            walk.solution = shown.get("content") if isinstance(shown, dict) else None
        lab.run_case(confirm_case, lambda e: stops.confirm(lab, e, task_id, what))


def _shown(lab: Lab, expect: AgentworkExpect, task_id: str, status: str) -> None:
    stops.check_shown(lab, expect, task_id, status)


def _skip_unreached(lab: Lab, walk: Walk) -> None:
    """Name what the walk never got to, and why: a real agent's choice, or its slowness."""
    last = walk.path[-1]
    route = " -> ".join(walk.path)
    if last == PROCESSING:
        why = lab.too_slow(walk.task_id, PROCESSING)
    else:
        why = f"the agent took task {walk.task_id} {route}"
    for status in ORDER:
        if status not in walk.visits and status != last:
            if status == AWAITING_SPEC and lab.spec_phase is False:
                _skip_status(lab, status, NO_SPEC_PHASE)
            else:
                _skip_status(lab, status, why, broken=lab.control is not None)
    run = {outcome.name for outcome in lab.result.outcomes}
    for case in (stops.CONFIRM_SPEC, stops.CONFIRM_SOLUTION):
        if case not in run:  # visited once: the revision never came back
            lab.skip_case(case, f"no revision came back to confirm: {why}")


def _skip_status(lab: Lab, status: str, why: str, *, broken: bool = False) -> None:
    """The status's cases are skipped, or on the emulator (whose agent plays the suite's own
    script) one violation says the status was never reached."""
    if broken:
        expect = AgentworkExpect(lab.result.outcome(f"the agent reaches {status}"))
        expect.violation(None, f"the suite's scenario takes a task to {status}", why)
    for case in CASES.get(status, []):
        lab.skip_case(case, why)
    matrix.skip_illegal_moves(lab, status, why)


__all__ = ["Skip", "Walk", "journey"]
