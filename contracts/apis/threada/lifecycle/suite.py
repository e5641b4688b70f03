"""Runs every Threada lifecycle scenario, on the emulator's clock when it has one."""

from __future__ import annotations

import time
from collections.abc import Callable

from contracts.apis.threada.lifecycle import (
    access,
    decisions,
    error_model,
    executions,
    idempotency,
    items,
    keys,
    paging,
    seed,
    telemetry,
)
from contracts.apis.threada.lifecycle.api import ThreadaApi
from contracts.apis.threada.lifecycle.client import MAIN_KEY, ThreadaClient
from contracts.apis.threada.lifecycle.lab import SUITE, Lab
from contracts.context import RunContext
from contracts.control import ControlPlane
from contracts.results import SuiteResult

Scenario = Callable[[Lab], None]
SCENARIOS: list[Scenario] = [
    *seed.SCENARIOS,  # first: on the emulator it resets, so the seed's ids come out
    *items.SCENARIOS,
    *paging.SCENARIOS,
    *decisions.SCENARIOS,
    *executions.SCENARIOS,
    *idempotency.SCENARIOS,
    *access.SCENARIOS,
    *error_model.SCENARIOS,
    *telemetry.SCENARIOS,
]


def make_lab(ctx: RunContext, result: SuiteResult) -> Lab:
    session = ctx.session()
    control = ControlPlane(ctx.target, session) if ctx.control_plane else None
    extra = (
        keys.from_control_plane(ctx.target, session)
        if control is not None
        else keys.from_environment(MAIN_KEY)
    )
    client = ThreadaClient(ctx.target, session, extra.secrets())
    return Lab(ctx, ThreadaApi(client, ctx.target.marker), control, extra, result)


def run_lifecycle(ctx: RunContext, scenarios: list[Scenario] = SCENARIOS) -> SuiteResult:
    started = time.monotonic()
    result = SuiteResult(SUITE)
    lab = make_lab(ctx, result)
    for scenario in scenarios:
        scenario(lab)
    if lab.control is None:
        result.notes.append(
            "no control plane: what needs the emulator's scenarios or clock was waited for "
            f"(up to {ctx.target.poll_timeout:g} s) or skipped; extra keys from "
            "THREADA_KEY_WITHOUT_<SCOPE>, THREADA_OTHER_TENANT_KEY, THREADA_MULTI_TENANT_KEY, "
            "THREADA_UNBOUND_KEY"
        )
    result.requests = lab.api.sent
    result.seconds = time.monotonic() - started
    return result
