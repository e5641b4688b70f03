"""Cancel is legal from every open status: a fresh task is brought to each waiting status."""

from __future__ import annotations

from contracts.apis.agentwork.lifecycle.control import JOURNEY
from contracts.apis.agentwork.lifecycle.expect import AgentworkExpect, Skip
from contracts.apis.agentwork.lifecycle.lab import NO_SPEC_PHASE, Lab
from contracts.apis.agentwork.lifecycle.stops import REPLY
from contracts.apis.agentwork.lifecycle.table import (
    AWAITING_REPLY,
    AWAITING_SOLUTION,
    AWAITING_SPEC,
    CANCELLED,
    PROCESSING,
    WAITING,
)

FROM = (AWAITING_REPLY, AWAITING_SPEC, AWAITING_SOLUTION)  # processing: side_paths.CANCEL


def case_name(status: str) -> str:
    return f"cancel from {status}"


def cancel_from_waiting(lab: Lab) -> None:
    for status in FROM:

        def case(expect: AgentworkExpect, status: str = status) -> None:
            _cancel_from(lab, expect, status)

        lab.run_case(case_name(status), case)


def _cancel_from(lab: Lab, expect: AgentworkExpect, status: str) -> None:
    if lab.control is None:
        # A fresh task per status would cost a real agent's work three more times.
        raise Skip(f"needs the control plane to bring a fresh task to {status}")
    if status == AWAITING_SPEC and lab.spec_phase is False:
        raise Skip(NO_SPEC_PHASE)
    task_id = lab.new_task(expect, f"verify: cancel from {status}", JOURNEY)
    reached = drive_to(lab, task_id, status)
    expect.require(
        expect.true(
            reached == status,
            None,
            f"the suite's scenario takes a task to {status}",
            f"task {task_id} is {reached}",
        )
    )
    exchange = lab.api.cancel(task_id)
    expect.require(expect.status(exchange, 200))
    expect.moved(exchange, CANCELLED)
    lab.control.step()  # the agent must not move a cancelled task on
    after = lab.api.get(task_id)
    expect.equal(after, "status afterwards", after.item.get("status"), CANCELLED)


def drive_to(lab: Lab, task_id: str, status: str) -> str:
    """Answer and confirm whatever the agent asks until the task waits in `status`; the
    status it stopped in."""
    seen = PROCESSING
    for _ in range(len(WAITING) + 1):
        seen = lab.wait_while(task_id, PROCESSING)
        if seen == status or seen not in WAITING:
            return seen
        if seen == AWAITING_REPLY:
            lab.api.message(task_id, {"message": REPLY})
        elif seen == AWAITING_SPEC:
            lab.api.spec_status(task_id, "CONFIRMED")
        else:
            lab.api.solution_status(task_id, "CONFIRMED")
    return seen
