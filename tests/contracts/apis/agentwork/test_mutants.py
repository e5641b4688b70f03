"""Each broken Agentwork emulator is caught by the lifecycle check meant to catch it."""

from __future__ import annotations

import pytest

from tests.contracts.apis.agentwork.kit import checks, describe, run_agentwork_lifecycle
from tests.contracts.apis.agentwork.mutants import MUTANTS, Mutant
from tests.support.local import local_emulator


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda mutant: mutant.name)
def test_a_broken_emulator_is_caught_by_the_check_meant_to_catch_it(mutant: Mutant):
    with local_emulator(mutant.wrap) as local:
        result = run_agentwork_lifecycle(local.base_url)

    assert checks(result) & mutant.caught_by, (
        f"{sorted(mutant.caught_by)} did not catch {mutant.name}; the suite reported:\n"
        + describe(result)
    )
