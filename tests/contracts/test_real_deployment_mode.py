"""Against a target without a control plane, as against a real deployment: wait, skip, tidy up."""

from __future__ import annotations

from mock_server.apis.sema4.domain.profile import DOCUMENTED
from tests.support.local import local_emulator
from tests.support.suites import run_suites
from tests.support.workitems import sema4_of

OPEN = {"PRECREATED", "PENDING", "EXECUTING", "PAUSED"}


def real_deployment_run(base_url: str):
    """The emulator treated as a real deployment whose agent completes everything, fast."""
    return run_suites(
        base_url,
        ["lifecycle"],
        agent_id="invoice_processing_agent",
        use_control_plane=False,
        poll_timeout=5,
    )


def test_statuses_the_agent_never_reaches_are_skipped_with_a_reason_never_passed():
    with local_emulator(speed=50) as local:
        run = real_deployment_run(local.base_url)

    lifecycle = run.suites[0]
    skipped = {outcome.name: outcome.skipped for outcome in lifecycle.skipped}
    assert run.violations == []
    assert not run.control_plane
    assert "continue from PAUSED" in skipped
    assert "never to PAUSED" in str(skipped["continue from PAUSED"])
    assert "never to FAILED" in str(skipped["restart from FAILED"])
    assert all(reason for reason in skipped.values())
    assert "cancel from CANCELLED" not in skipped  # a client can get there: always checked


def test_everything_a_real_deployment_run_creates_is_marked_and_left_final():
    with local_emulator(speed=50) as local:
        run = real_deployment_run(local.base_url)
        emulator = local.emulator
        items = list(sema4_of(emulator).items.store)

    finalized = [item for item in items if item.agent_id is not None]
    assert items
    assert all(item.payload.get("_workitems_mock_verify") == run.run_id for item in finalized)
    assert not [item.work_item_id for item in items if item.status in OPEN]
    assert any("cancelled" in line for line in run.cleanup)
    assert {item.status for item in items} <= set(DOCUMENTED.statuses)
