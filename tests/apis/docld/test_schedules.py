"""Schedules in the domain: one per workflow, kept equal to a scheduled trigger, next run known."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mock_server.apis.docld.domain.views import schedule_json, workflow_json
from mock_server.core.errors import Conflict, NotFound, ValidationFailed
from tests.apis.docld.support import LOCAL, domain, invoice_workflow

WEEKDAYS_9AM = {"cron_expression": "0 9 * * 1-5", "timezone": "America/New_York"}


def _scheduled(docld, **changes):
    body = invoice_workflow(trigger_type="scheduled", trigger_config=WEEKDAYS_9AM, **changes)
    return docld.workflows.create(LOCAL, body)


def test_a_scheduled_workflow_gets_its_schedule_with_the_next_run():
    docld = domain()
    workflow = _scheduled(docld)

    schedule = schedule_json(docld.schedules.get(workflow))

    assert schedule["cron_expression"] == "0 9 * * 1-5"
    assert schedule["next_run_at"] == "2025-01-15T14:00:00.000000Z"  # 09:00 in New York
    assert workflow_json(workflow)["trigger_config"] == WEEKDAYS_9AM


def test_a_disabled_workflow_or_schedule_has_no_next_run_until_enabled_again():
    docld = domain()
    workflow = _scheduled(docld)

    off = docld.workflows.update("org-local", workflow.id, {"enabled": False})
    assert docld.schedules.get(off).next_run_at is None
    on = docld.workflows.update("org-local", workflow.id, {"enabled": True})
    assert docld.schedules.get(on).next_run_at is not None
    paused = docld.schedules.update(on, {"enabled": False})

    assert paused.next_run_at is None


def test_a_second_schedule_is_refused_and_an_update_keeps_the_trigger_equal():
    docld = domain()
    workflow = _scheduled(docld)

    with pytest.raises(Conflict, match="already has a schedule"):
        docld.schedules.create(workflow, {"cron_expression": "0 10 * * *", "timezone": "UTC"})
    updated = docld.schedules.update(workflow, {"cron_expression": "0 10 * * 1-5"})

    assert updated.timezone == "America/New_York"
    assert updated.next_run_at == datetime(2025, 1, 15, 15, 0, tzinfo=UTC)
    trigger = docld.workflows.get("org-local", workflow.id).trigger
    assert trigger.cron_expression == "0 10 * * 1-5"


def test_any_workflow_may_get_a_schedule_and_bad_ones_are_refused_naming_the_field():
    docld = domain()
    workflow = docld.workflows.create(
        LOCAL, invoice_workflow(trigger_type="manual", trigger_config={})
    )

    with pytest.raises(ValidationFailed) as bad_zone:
        docld.schedules.create(workflow, {"cron_expression": "0 9 * * *", "timezone": "Nowhere"})
    with pytest.raises(ValidationFailed) as missing:
        docld.schedules.create(workflow, {"cron_expression": "0 9 * * *"})
    created = docld.schedules.create(workflow, {"cron_expression": "0 0 1 * *", "timezone": "UTC"})

    assert (bad_zone.value.field, missing.value.field) == ("timezone", "timezone")
    assert created.next_run_at == datetime(2025, 2, 1, tzinfo=UTC)
    assert docld.workflows.get("org-local", workflow.id).trigger.type == "manual"


def test_leaving_the_scheduled_trigger_or_deleting_takes_the_schedule_away():
    docld = domain()
    first, second = _scheduled(docld), _scheduled(docld)

    docld.workflows.update("org-local", first.id, {"trigger_type": "manual"})
    docld.schedules.delete(second)

    for workflow in (first, second):
        with pytest.raises(NotFound, match="has no schedule"):
            docld.schedules.get(workflow)
    assert docld.workflows.get("org-local", second.id).trigger.type == "scheduled"
