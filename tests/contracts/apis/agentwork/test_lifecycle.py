"""The Agentwork lifecycle suite passes the intact emulator, with and without its control plane."""

from __future__ import annotations

from tests.contracts.apis.agentwork.kit import describe, run_agentwork_lifecycle
from tests.support.local import local_emulator


def test_the_intact_emulator_passes_every_check_with_nothing_skipped():
    with local_emulator() as local:
        result = run_agentwork_lifecycle(local.base_url)

    assert result.violations == [], describe(result)
    assert result.skipped == [], describe(result)
    assert len(result.outcomes) > 40
