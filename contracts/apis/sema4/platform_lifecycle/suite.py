"""Runs the platform's lifecycle: the seed 000 scenarios it shares, its matrix, its promises."""

from __future__ import annotations

import time
from collections.abc import Callable

from contracts.apis.sema4.platform_lifecycle import promises
from contracts.apis.sema4.platform_lifecycle.lab import make_platform_lab
from contracts.apis.sema4.platform_lifecycle.matrix import platform_matrix
from contracts.context import RunContext
from contracts.lifecycle.lab import Lab
from contracts.lifecycle.suite import run_lifecycle
from contracts.results import SuiteResult

SCENARIOS: list[Callable[[Lab], None]] = [platform_matrix, *promises.SCENARIOS]


def run_platform_lifecycle(
    ctx: RunContext,
    shared: list[Callable[[Lab], None]],
    scenarios: list[Callable[[Lab], None]] = SCENARIOS,
) -> SuiteResult:
    """`shared` on the documented lab (its statuses are the platform's too), then the
    platform's own scenarios on a lab that knows the platform's table."""
    started = time.monotonic()
    result = run_lifecycle(ctx, shared)
    lab = make_platform_lab(ctx, result)
    for scenario in scenarios:
        scenario(lab)
    result.requests += lab.api.client.session.sent
    result.seconds = time.monotonic() - started
    return result
