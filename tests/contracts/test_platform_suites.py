"""verify --profile platform: its own oracle, an intact platform passes, breakage is caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from contracts.apis.sema4 import platform_table as oracle
from contracts.apis.sema4.platform import PLATFORM_AGENT
from mock_server.apis.sema4.domain.fields import PLATFORM_CALLBACK_FIELDS
from mock_server.apis.sema4.domain.profile import PLATFORM
from tests.contracts.mutants import Mutant
from tests.contracts.platform_mutants import PLATFORM_MUTANTS
from tests.support.local import local_emulator
from tests.support.suites import checks_by_suite, run_suites

PROFILES = (("sema4", "platform"),)
OWN_SUITES = ("lifecycle", "webhooks")


def test_the_platform_oracle_is_the_table_the_platform_profile_implements():
    table = PLATFORM.table
    agent_moves: dict[str, set[str]] = {}
    for action in PLATFORM.agent_actions:
        rule = table.rule(action)
        for source in rule.sources:
            agent_moves.setdefault(source, set()).add(rule.target)

    assert set(PLATFORM.statuses) == set(oracle.STATUSES)
    assert {name: (set(sources), target) for name, (sources, target) in oracle.ACTIONS.items()} == {
        name: (set(table.rule(name).sources), table.rule(name).target) for name in oracle.ACTIONS
    }
    assert {status: set(moves) for status, moves in oracle.AGENT_MOVES.items()} == agent_moves
    assert dict(PLATFORM.bad_request_refusals) == oracle.REFUSED_WITH_400
    assert set(PLATFORM.callback_statuses) == set(oracle.CALLBACK_STATUSES)
    assert PLATFORM.callback_default_status == oracle.CALLBACK_DEFAULT_STATUS
    assert PLATFORM.callback_retries == 0
    assert PLATFORM_CALLBACK_FIELDS == oracle.CALLBACK_FIELDS
    assert PLATFORM.not_found_message == oracle.NOT_FOUND_MESSAGE


def test_the_intact_platform_passes_its_lifecycle_and_webhooks_suites_with_nothing_skipped():
    with local_emulator(profiles=PROFILES) as local:
        run = run_suites(local.base_url, OWN_SUITES, profile="platform")

    assert run.fatal is None
    assert run.violations == []
    assert [o.name for suite in run.suites for o in suite.outcomes if o.skipped] == []
    cases = {o.name for suite in run.suites for o in suite.outcomes}
    assert {"restart from EXECUTING", "attach_file from PENDING", "cancel from EXECUTING"} <= cases
    assert len(cases) >= 8 * 6  # every action from every platform status, and more


@pytest.mark.parametrize("mutant", PLATFORM_MUTANTS, ids=lambda mutant: mutant.name)
def test_a_broken_platform_is_caught_by_the_check_meant_to_catch_it(mutant: Mutant):
    with local_emulator(mutant.wrap, profiles=PROFILES) as local:
        run = run_suites(local.base_url, sorted(mutant.caught_by), profile="platform")

    found = checks_by_suite(run)
    assert not run.ok
    for suite, checks in mutant.caught_by.items():
        assert found.get(suite, set()) & checks, (
            f"{suite} did not report {sorted(checks)} for {mutant.name}; it reported "
            f"{sorted(found.get(suite, set()))}"
        )


def test_without_a_control_plane_what_needs_the_clock_is_skipped_with_a_reason():
    with local_emulator(speed=50, profiles=PROFILES) as local:
        run = run_suites(
            local.base_url,
            OWN_SUITES,
            profile="platform",
            agent_id=PLATFORM_AGENT,
            use_control_plane=False,
            poll_timeout=5,
        )

    skipped = {o.name: o.skipped for suite in run.suites for o in suite.outcomes if o.skipped}
    assert run.violations == []
    assert "control plane" in str(skipped["a refused delivery is not retried"])
    assert "control plane" in str(skipped["restart from EXECUTING stops the run"])
    assert "cancel from PENDING" not in skipped  # a client can get there: always checked
    assert "one delivery, at the run's end, with exactly the platform's body" not in skipped


def test_the_readme_names_every_platform_mutant_the_tests_run():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()

    assert [m.name for m in PLATFORM_MUTANTS if f"`{m.name}`" not in readme] == []
