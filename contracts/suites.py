"""The suites by name: the generic ones (any API) and Sema4's; the others are in contracts/apis."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from contracts.context import RunContext
from contracts.results import SuiteResult

RunSuite = Callable[[RunContext], SuiteResult]


class SuiteError(ValueError):
    """A suite that does not exist, or cannot run yet."""


@dataclass(frozen=True)
class Suite:
    name: str
    summary: str
    load: Callable[[], RunSuite] | None  # imported on use: conformance pulls in Schemathesis
    unavailable: str = ""  # why `load` is None

    def runner(self) -> RunSuite:
        if self.load is None:
            raise SuiteError(f"suite {self.name!r} is {self.unavailable}")
        return self.load()


def _conformance() -> RunSuite:
    from contracts.conformance import run_conformance

    return run_conformance


def _stateful() -> RunSuite:
    from contracts.stateful import run_stateful

    return run_stateful


def _lifecycle() -> RunSuite:
    from contracts.lifecycle.suite import run_lifecycle

    return run_lifecycle


def _webhooks() -> RunSuite:
    from contracts.webhooks.suite import run_webhooks

    return run_webhooks


# Generic: each runs over the chosen API's contract (RunContext.profile), any API may list them.
CONFORMANCE = Suite(
    "conformance", "Schemathesis over every operation and every check", _conformance
)
STATEFUL = Suite("stateful", "a state machine along the contract's links", _stateful)

# Sema4's suites (contracts.apis.sema4 registers this very dict).
SUITES = {
    suite.name: suite
    for suite in (
        CONFORMANCE,
        STATEFUL,
        Suite(
            "lifecycle", "seed 000 workflows, lifecycle matrix, paging, auth, errors", _lifecycle
        ),
        Suite(
            "webhooks",
            "callbacks to a capture receiver: contract, signature, order, retries",
            _webhooks,
        ),
    )
}
DEFAULT_SUITES = ("conformance", "stateful", "lifecycle", "webhooks")


def choose(names: Iterable[str]) -> list[Suite]:
    """The suites named, in order, each once; SuiteError for unknown or unavailable ones."""
    chosen: list[Suite] = []
    for name in names:
        suite = SUITES.get(name.strip())
        if suite is None:
            raise SuiteError(f"unknown suite {name!r}; known: {', '.join(SUITES)}")
        if suite.load is None:
            raise SuiteError(f"suite {suite.name!r} is {suite.unavailable}")
        if suite not in chosen:
            chosen.append(suite)
    return chosen
