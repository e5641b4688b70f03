"""The platform profile's suites: the generic ones over the platform's own document, the
seed 000 scenarios the platform shares, and its own lifecycle matrix and webhooks."""

from __future__ import annotations

from collections.abc import Callable

from contracts.context import RunContext
from contracts.lifecycle import access, errors, paging, workflows
from contracts.lifecycle.lab import Lab
from contracts.results import SuiteResult
from contracts.suites import CONFORMANCE, STATEFUL, RunSuite, Suite

# The platform's agent ids are UUIDs ("Invalid UUID: <value>" otherwise); the emulator's
# fixtures ship this one next to the documented profile's named agents.
PLATFORM_AGENT = "0b7e5c2a-4f1d-4c47-9a53-6f1e2d3c4b5a"

# Seed 000 scenarios that hold on the platform too: create, read, list, restart, paging,
# keys and the error answers.
SHARED_SCENARIOS: list[Callable[[Lab], None]] = [
    workflows.create_work_item,
    workflows.get_with_results,
    workflows.list_of_agent,
    workflows.restart_completed,
    *paging.SCENARIOS,
    *access.SCENARIOS,
    *errors.SCENARIOS,
]


def run_platform_lifecycle(ctx: RunContext) -> SuiteResult:
    from contracts.apis.sema4.platform_lifecycle.suite import run_platform_lifecycle as run

    return run(ctx, SHARED_SCENARIOS)


def run_platform_webhooks(ctx: RunContext) -> SuiteResult:
    from contracts.apis.sema4.platform_webhooks import run_platform_webhooks as run

    return run(ctx)


def _lifecycle() -> RunSuite:
    return run_platform_lifecycle


def _webhooks() -> RunSuite:
    return run_platform_webhooks


PLATFORM_SUITES = {
    suite.name: suite
    for suite in (
        CONFORMANCE,
        STATEFUL,
        Suite("lifecycle", "the platform's transition table and its own promises", _lifecycle),
        Suite("webhooks", "one attempt, the platform's body, at the end of a run", _webhooks),
    )
}
