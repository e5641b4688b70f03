"""The harness catches a deliberately broken emulator, and passes the intact one."""

from __future__ import annotations

import pytest

from tests.contracts.mutants import MUTANTS, Mutant
from tests.support.local import local_emulator
from tests.support.suites import checks_by_suite, run_suites


def test_every_suite_passes_against_the_intact_emulator():
    with local_emulator() as local:
        run = run_suites(local.base_url)

    assert run.fatal is None
    assert [suite.suite for suite in run.suites] == [
        "conformance",
        "stateful",
        "lifecycle",
        "webhooks",
    ]
    assert run.violations == []
    assert all(not suite.skipped for suite in run.suites)
    assert run.ok


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda mutant: mutant.name)
def test_a_broken_emulator_is_caught_by_the_suites_meant_to_catch_it(mutant: Mutant):
    with local_emulator(mutant.wrap) as local:
        run = run_suites(local.base_url, sorted(mutant.caught_by))

    found = checks_by_suite(run)
    assert not run.ok
    for suite, checks in mutant.caught_by.items():
        assert found.get(suite, set()) & checks, (
            f"{suite} did not report {sorted(checks)} for {mutant.name}; it reported "
            f"{sorted(found.get(suite, set()))}"
        )
