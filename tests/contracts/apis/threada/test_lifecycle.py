"""Threada's lifecycle suite passes the intact emulator and catches each broken one."""

from __future__ import annotations

import pytest

from contracts.apis.threada.lifecycle import run_lifecycle
from contracts.apis.threada.lifecycle.keys import (
    OTHER_TENANT_VARIABLE,
    UNBOUND_VARIABLE,
    scope_variable,
)
from contracts.apis.threada.lifecycle.suite import SCENARIOS
from contracts.context import Options, RunContext
from contracts.results import SuiteResult
from contracts.target import Target, suffixed_root
from tests.contracts.apis.threada.mutants import MUTANTS, Mutant
from tests.support.local import Local, local_emulator

FULL_KEY = "<token>"  # the fixtures' key with every scope (tenant example)
NEEDS_CONTROL = {  # what a deployment without the emulator's clock and scenarios cannot show
    "execution: a failing integration ends the execution failed, saying why",
    "execution: a retryable failure is retried under the same key",
    "execution: each policy refusal is a policy error with its own reason code",
    "decision steps: a person approves what decisioning routed to review",
}


def run(local: Local, *, key: str = FULL_KEY, control: bool = True, poll: float = 5) -> SuiteResult:
    target = Target(
        base_url=local.base_url,
        api_key=key,
        resolve_root=lambda url: suffixed_root(url, ""),
        poll_timeout=poll,
    )
    ctx = RunContext(target, Options(max_examples=5, seed=1), control_plane=control, agent_id=None)
    return run_lifecycle(ctx)


def checks(result: SuiteResult) -> set[str]:
    return {v.check for v in result.violations}


def test_the_intact_emulator_passes_every_case():
    with local_emulator() as local:
        result = run(local)

    assert result.violations == []
    assert result.skipped == []
    assert len(result.outcomes) == len(SCENARIOS)
    assert all(outcome.passed for outcome in result.outcomes)


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda mutant: mutant.name)
def test_a_broken_emulator_is_caught_by_the_check_meant_to_catch_it(mutant: Mutant):
    with local_emulator(mutant.wrap) as local:
        result = run(local)

    assert checks(result) & mutant.caught_by, (
        f"{mutant.name} ({mutant.breaks}) was not reported by {sorted(mutant.caught_by)}; "
        f"the suite reported {sorted(checks(result))}"
    )


@pytest.fixture
def deployment_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """The extra keys as a deployment's operator would name them (the fixtures' acme keys)."""
    monkeypatch.setenv(scope_variable("workitems:read"), "threada-analyst-key")
    for scope in ("workitems:write", "workflow:manage", "actions:execute", "telemetry:read"):
        monkeypatch.setenv(scope_variable(scope), "threada-reader-key")
    monkeypatch.setenv(OTHER_TENANT_VARIABLE, "threada-globex-key")
    monkeypatch.setenv(UNBOUND_VARIABLE, "threada-unbound-key")


def test_without_the_control_plane_it_waits_or_skips_with_a_reason(deployment_keys: None):
    with local_emulator(speed=1.0) as local:
        result = run(local, key="threada-dev-key", control=False, poll=4)

    assert result.violations == []
    skipped = {outcome.name: outcome.skipped for outcome in result.skipped}
    assert set(skipped) == NEEDS_CONTROL
    assert all("control plane" in str(reason) for reason in skipped.values())
    assert any("no control plane" in note for note in result.notes)


def test_without_extra_keys_the_access_cases_say_which_variable_to_set(
    monkeypatch: pytest.MonkeyPatch,
):
    for name in ("THREADA_KEY_WITHOUT_TELEMETRY_READ", OTHER_TENANT_VARIABLE):
        monkeypatch.delenv(name, raising=False)
    with local_emulator(speed=1.0) as local:
        result = run(local, key="threada-dev-key", control=False, poll=4)

    skipped = {outcome.name: str(outcome.skipped) for outcome in result.skipped}
    telemetry = "scopes: a key without telemetry:read is refused (403 authorization)"
    assert "THREADA_KEY_WITHOUT_TELEMETRY_READ" in skipped[telemetry]
    assert (
        OTHER_TENANT_VARIABLE
        in skipped["tenants: another tenant's work item is 404, and not listed"]
    )
