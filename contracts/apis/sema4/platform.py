"""The platform profile's suites: the generic ones over the platform's own document, the
lifecycle scenarios whose promises the platform shares, and the rest skipped with why."""

from __future__ import annotations

from collections.abc import Callable

from contracts.context import RunContext
from contracts.lifecycle import access, errors, paging, workflows
from contracts.lifecycle.lab import Lab
from contracts.results import Outcome, SuiteResult
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
# What the platform does differently on purpose (sema4-platform-behaviour.md), so the
# documented scenarios for it do not apply; `workitems-mock drift` reports these differences.
LEFT_OUT = (
    "callbacks, continue from PAUSED, cancel and complete, file uploads and the lifecycle "
    "matrix: they encode seed 000's table (PRECREATED, PAUSED, FAILED, 412, retried callbacks), "
    "which the platform replaces (DRAFT, 400s, one callback attempt)"
)
WEBHOOKS_LEFT_OUT = (
    "it expects callbacks on every status they name, retried; the platform sends one attempt "
    "when an agent run ends, not on cancel or complete (sema4-platform-behaviour.md section 8)"
)


def run_platform_lifecycle(ctx: RunContext) -> SuiteResult:
    from contracts.lifecycle.suite import run_lifecycle

    result = run_lifecycle(ctx, SHARED_SCENARIOS)
    result.outcomes.append(Outcome("documented-only scenarios", skipped=LEFT_OUT))
    return result


def run_platform_webhooks(ctx: RunContext) -> SuiteResult:
    return SuiteResult(
        "webhooks", [Outcome("webhooks (platform profile)", skipped=WEBHOOKS_LEFT_OUT)]
    )


def _lifecycle() -> RunSuite:
    return run_platform_lifecycle


def _webhooks() -> RunSuite:
    return run_platform_webhooks


PLATFORM_SUITES = {
    suite.name: suite
    for suite in (
        CONFORMANCE,
        STATEFUL,
        Suite("lifecycle", "the seed 000 scenarios the platform shares", _lifecycle),
        Suite("webhooks", "skipped: the platform's callbacks differ by design", _webhooks),
    )
}
