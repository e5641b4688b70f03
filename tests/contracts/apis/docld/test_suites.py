"""DocLD's lifecycle and webhooks suites pass the intact emulator and catch broken ones."""

from __future__ import annotations

from typing import Any

import pytest

from contracts.apis.docld.hooks import RETRIES
from contracts.apis.docld.lifecycle import run_lifecycle
from contracts.apis.docld.webhooks import run_webhooks
from contracts.context import Options, RunContext
from contracts.results import SuiteResult
from contracts.target import Target, suffixed_root
from tests.contracts.apis.docld.mutants import MUTANTS, Mutant, Suite
from tests.support.local import local_emulator

KEY = "docld_5eed0000000000000000000000000001"  # fixtures/docld/keys.yaml: local-dev


def context(base_url: str, *, control_plane: bool = True, poll_timeout: float = 120.0):
    target = Target(
        base_url=base_url,
        api_key=KEY,
        poll_timeout=poll_timeout,
        resolve_root=lambda url: suffixed_root(url, "/api"),
    )
    return RunContext(target, Options(max_examples=5, seed=1), control_plane, agent_id=None)


def _report(result: SuiteResult) -> list[str]:
    return [f"{v.check}: expected {v.expected}, got {v.actual}" for v in result.violations]


@pytest.mark.parametrize("suite", [run_lifecycle, run_webhooks], ids=["lifecycle", "webhooks"])
def test_the_intact_emulator_passes_with_nothing_skipped(suite: Suite):
    with local_emulator() as local:
        result = suite(context(local.base_url))
        runtime: Any = local.emulator.apis["docld"]
        left = runtime.domain.space

    assert _report(result) == []
    assert [outcome.name for outcome in result.skipped] == []
    assert len(result.outcomes) >= 6
    assert result.notes == []  # everything it made was deleted again
    assert not left.workflows
    assert not left.integrations
    assert not left.subscriptions


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda mutant: mutant.name)
def test_a_broken_emulator_is_caught_by_the_check_meant_to_catch_it(mutant: Mutant):
    with local_emulator(mutant.wrap) as local:
        result = mutant.suite(context(local.base_url))

    found = {violation.check for violation in result.violations}
    assert found & mutant.caught_by, f"{mutant.name} reported only {sorted(found)}"


@pytest.mark.parametrize("suite", [run_lifecycle, run_webhooks], ids=["lifecycle", "webhooks"])
def test_without_a_control_plane_the_suites_poll_a_running_clock(suite: Suite):
    with local_emulator(speed=20) as local:  # a real deployment's stand-in: nothing is advanced
        result = suite(context(local.base_url, control_plane=False, poll_timeout=20))

    assert _report(result) == []
    assert [outcome.name for outcome in result.skipped] == []


def test_without_a_control_plane_a_retry_that_never_comes_is_skipped_with_a_reason():
    never_retried = next(m for m in MUTANTS if m.name == "never_retried")
    with local_emulator(never_retried.wrap, speed=20) as local:
        result = run_webhooks(context(local.base_url, control_plane=False, poll_timeout=2))

    (skipped,) = result.skipped
    assert skipped.name == RETRIES
    assert "no retry within 2 s" in str(skipped.skipped)
    assert _report(result) == []
