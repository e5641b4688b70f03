"""Runs the contract suites the way verify does, with the project's test keys and seed."""

from __future__ import annotations

from collections.abc import Sequence

from contracts.apis import harness
from contracts.results import RunResult
from contracts.runner import verify
from contracts.target import Target

DEV_KEY = "local-dev-key"
READONLY_KEY = "local-readonly-key"
ALL_SUITES = ("conformance", "stateful", "lifecycle", "webhooks")
EXAMPLES = 15  # modest: enough to catch every mutant, quick enough for every test run
SEED = 1


def run_suites(
    base_url: str,
    suites: Sequence[str] = ALL_SUITES,
    *,
    api: str = "sema4",
    profile: str | None = None,
    **target: object,
) -> RunResult:
    """verify, as the CLI runs it, with the project's test keys (for Sema4; pass `api_key`
    for another API) and a fixed seed."""
    fields: dict[str, object] = {"api_key": DEV_KEY, "readonly_key": READONLY_KEY, **target}
    chosen = harness(api)
    return verify(
        Target(base_url, resolve_root=chosen.resolve_root, **fields),  # type: ignore[arg-type]
        api=api,
        profile=profile,
        suites=suites,
        max_examples=EXAMPLES,
        seed=SEED,
    )


def checks_by_suite(run: RunResult) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for violation in run.violations:
        found.setdefault(violation.suite, set()).add(violation.check)
    return found
