"""Agentwork's lifecycle suite: keys, one task walked to completed, the side paths, the matrix."""

from __future__ import annotations

import time

from contracts.apis.agentwork.lifecycle import access, cancels, reading, side_paths, stops
from contracts.apis.agentwork.lifecycle.client import AgentworkApi
from contracts.apis.agentwork.lifecycle.control import AgentworkControl
from contracts.apis.agentwork.lifecycle.journey import journey
from contracts.apis.agentwork.lifecycle.lab import Lab
from contracts.apis.agentwork.lifecycle.table import TERMINAL
from contracts.context import RunContext
from contracts.results import SuiteResult

SUITE = "lifecycle"
SCENARIOS = "the emulator takes the suite's agent scenarios"


def make_lab(ctx: RunContext, result: SuiteResult) -> Lab:
    """A lab on the target; on the emulator the suite's own agent scripts are put first."""
    client = ctx.client()
    control = AgentworkControl(ctx.target, client.session) if ctx.control_plane else None
    lab = Lab(ctx, AgentworkApi(client, ctx.control_plane), control, result)
    if control is not None:
        lab.run_case(SCENARIOS, lambda expect: control.put_scenarios())
        lab.spec_phase = control.spec_phase()
    return lab


def run_lifecycle(ctx: RunContext) -> SuiteResult:
    started = time.monotonic()
    result = SuiteResult(SUITE)
    lab = make_lab(ctx, result)
    stranger = access.Stranger()
    access.keys(lab, stranger)
    walk = journey(lab)
    reading.read_walked(lab, walk)
    answered = any(o.name == stops.ANSWERS for o in result.outcomes)
    side_paths.structured_question(lab, answered)
    cancelled = side_paths.cancelled_task(lab)
    cancels.cancel_from_waiting(lab)
    access.hidden(lab, cancelled or walk.task_id, stranger)
    if lab.control is None:
        result.notes.append(
            "no control plane: the agent's moves were waited for (up to "
            f"{ctx.target.poll_timeout:g} s each); statuses it never took a task to are skipped"
        )
        _cancel_open(lab)
    result.requests = lab.api.client.session.sent
    result.seconds = time.monotonic() - started
    return result


def _cancel_open(lab: Lab) -> None:
    """Leave nothing running on a real deployment: its agent would go on spending credits."""
    for task_id in lab.api.created:
        if lab.status_of(task_id) not in TERMINAL:
            lab.api.cancel(task_id)
