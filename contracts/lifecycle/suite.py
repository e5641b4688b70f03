"""Runs every lifecycle scenario against the target, on the emulator's clock when it has one."""

from __future__ import annotations

import time
from collections.abc import Callable

from contracts.context import RunContext
from contracts.control import ControlPlane
from contracts.lifecycle import access, errors, files, matrix, paging, workflows
from contracts.lifecycle.api import WorkItemsApi
from contracts.lifecycle.driver import Driver, EmulatorDriver, PollingDriver
from contracts.lifecycle.lab import Lab
from contracts.results import SuiteResult

SUITE = "lifecycle"
SCENARIOS: list[Callable[[Lab], None]] = [
    *workflows.SCENARIOS,
    *files.SCENARIOS,
    matrix.lifecycle_matrix,
    *paging.SCENARIOS,
    *access.SCENARIOS,
    *errors.SCENARIOS,
]


def make_lab(ctx: RunContext, result: SuiteResult) -> Lab:
    """A lab on the target: the emulator's clock when it may be used, else real waiting."""
    client = ctx.client()
    api = WorkItemsApi(client, ctx.agent_id, ctx.control_plane)
    control = ControlPlane(ctx.target, client.session) if ctx.control_plane else None
    driver: Driver = (
        EmulatorDriver(api, control)
        if control is not None
        else PollingDriver(api, ctx.target.poll_timeout)
    )
    return Lab(ctx, api, driver, control, result)


def run_lifecycle(
    ctx: RunContext, scenarios: list[Callable[[Lab], None]] = SCENARIOS
) -> SuiteResult:
    started = time.monotonic()
    result = SuiteResult(SUITE)
    lab = make_lab(ctx, result)
    for scenario in scenarios:
        scenario(lab)
    if lab.control is None:
        result.notes.append(
            "no control plane: statuses only an agent sets were waited for "
            f"(up to {ctx.target.poll_timeout:g} s each); PENDING and EXECUTING may move meanwhile"
        )
    result.requests = lab.api.client.session.sent
    result.seconds = time.monotonic() - started
    return result
