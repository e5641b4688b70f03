"""Cron and event triggers on a manual clock, and the signed `workflow.*` and document webhooks
they cause, in order, retried with backoff."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from mock_server.apis.docld.domain.documents import Upload
from mock_server.apis.docld.signing import DOCLD
from mock_server.core.clock import isoformat_z
from mock_server.webhooks.signing import Verdict
from tests.apis.docld.harness import Harness
from tests.apis.docld.support import LOCAL, invoice_workflow

HOOK = "http://127.0.0.1:9000/docld"
WORKFLOW_EVENTS = [
    "workflow.started",
    "workflow.step.completed",
    "workflow.completed",
    "workflow.failed",
]


@pytest.fixture
def harness() -> Iterator[Harness]:
    harness = Harness()
    yield harness
    harness.close()


def _subscribe(harness: Harness, events: list[str], secret: str = "whsec_test_secret"):
    return harness.domain.webhooks.create(LOCAL, {"url": HOOK, "events": events, "secret": secret})


def _executions(harness: Harness) -> list:
    return list(harness.domain.space.executions.values())


def _event_workflow(harness: Harness, event: str, filters: dict, **changes):
    config = {"event": event, "filters": filters}
    return harness.domain.workflows.create(
        LOCAL, invoice_workflow(trigger_config=config, **changes)
    )


def test_advancing_a_day_runs_a_weekday_9am_workflow_once(harness):
    body = invoice_workflow(
        trigger_type="scheduled",
        trigger_config={"cron_expression": "0 9 * * 1-5", "timezone": "America/New_York"},
    )
    workflow = harness.domain.workflows.create(LOCAL, body)

    harness.advance_by(timedelta(days=1))

    (execution,) = _executions(harness)
    assert (execution.triggered_by, execution.status) == ("scheduled", "completed")
    assert isoformat_z(execution.started_at) == "2025-01-15T14:00:00.000000Z"
    schedule = harness.domain.schedules.get(workflow)
    assert isoformat_z(schedule.last_run_at) == "2025-01-15T14:00:00.000000Z"
    assert isoformat_z(schedule.next_run_at) == "2025-01-16T14:00:00.000000Z"


def test_a_weekend_passes_without_runs_and_a_disabled_workflow_never_fires(harness):
    weekdays = {"cron_expression": "0 9 * * 1-5", "timezone": "America/New_York"}
    body = invoice_workflow(trigger_type="scheduled", trigger_config=weekdays)
    workflow = harness.domain.workflows.create(LOCAL, body)
    off = harness.domain.workflows.create(LOCAL, {**body, "enabled": False})

    harness.advance_by(timedelta(days=7))  # Wednesday to Wednesday

    days = [e.started_at.strftime("%a") for e in _executions(harness)]
    assert days == ["Wed", "Thu", "Fri", "Mon", "Tue"]
    assert {e.workflow_id for e in _executions(harness)} == {workflow.id}
    assert harness.domain.schedules.get(off).next_run_at is None


def test_an_upload_starts_only_the_workflows_whose_event_and_filters_match(harness):
    pdfs = _event_workflow(harness, "document.uploaded", {"file_type": "pdf"})
    _event_workflow(harness, "document.uploaded", {"file_type": "docx"})
    kb = _event_workflow(harness, "document.uploaded", {"knowledge_base_id": "kb-invoices"})
    _event_workflow(harness, "document.uploaded", {}, enabled=False)

    document = harness.domain.documents.upload(LOCAL, Upload("invoice.pdf", 10, None, "kb-other"))

    (execution,) = _executions(harness)
    assert (execution.workflow_id, execution.triggered_by) == (pdfs.id, "event")
    assert execution.trigger_data["event"] == "document.uploaded"
    assert execution.trigger_data["document_id"] == document.id
    assert kb.id not in {e.workflow_id for e in _executions(harness)}


def test_processing_events_trigger_after_processing_and_confidence_filters_hold(harness):
    processed = _event_workflow(harness, "document.completed", {})
    confident = _event_workflow(harness, "extraction.completed", {"confidence_min": 0.8})

    harness.domain.documents.upload(LOCAL, Upload("a.pdf", 10, scenario="processed"))
    harness.domain.documents.upload(LOCAL, Upload("b.pdf", 10, scenario="low_confidence"))
    harness.advance(3.4)
    assert _executions(harness) == []
    harness.advance(0.2)  # processing ends 3.5 s after the upload
    assert [e.workflow_id for e in _executions(harness)] == [processed.id, processed.id]
    harness.advance(2)  # the extractions end

    by_workflow = [e.workflow_id for e in _executions(harness)]
    assert by_workflow.count(confident.id) == 1
    (extraction_run,) = [e for e in _executions(harness) if e.workflow_id == confident.id]
    assert extraction_run.trigger_data["overall_confidence"] == 0.94


def test_a_documents_scenario_can_make_the_workflows_it_starts_fail(harness):
    _event_workflow(harness, "document.uploaded", {})

    harness.domain.documents.upload(LOCAL, Upload("a.pdf", 10, scenario="failing_workflows"))
    harness.advance(60)

    (execution,) = _executions(harness)
    assert execution.status == "failed"


def test_workflow_webhooks_arrive_signed_in_order_with_the_documented_envelope(harness):
    subscription = _subscribe(harness, WORKFLOW_EVENTS)
    workflow = harness.domain.workflows.create(
        LOCAL, invoice_workflow(trigger_type="manual", trigger_config={})
    )
    execution = harness.domain.executions.start(workflow, "manual", {"document_id": "doc-1"})

    harness.advance(30)

    assert harness.sent_events() == [
        "workflow.started",
        "workflow.step.completed",
        "workflow.step.completed",
        "workflow.completed",
    ]
    for sent in harness.transport.sent:
        envelope = sent.json
        assert set(envelope) == {"event", "timestamp", "webhook_id", "data"}
        assert envelope["webhook_id"] == subscription.id
        assert envelope["data"]["execution_id"] == execution.id
        assert sent.headers["X-DocLD-Event"] == envelope["event"]
        signature = sent.headers["X-DocLD-Signature"]
        assert DOCLD.verify(subscription.secret, sent.body, signature) is Verdict.VALID
        assert DOCLD.verify("another-secret", sent.body, signature) is Verdict.INVALID
    steps = [s.json["data"]["step"]["step_id"] for s in harness.transport.sent[1:3]]
    assert steps == ["parse", "extract"]
    assert len(harness.transport.sent[-1].json["data"]["execution_log"]) == 2


def test_a_failing_step_ends_with_workflow_failed_and_only_subscribed_events_are_sent(harness):
    _subscribe(harness, ["workflow.failed", "workflow.completed"])
    workflow = harness.domain.workflows.create(LOCAL, invoice_workflow())
    harness.domain.executions.start(workflow, "manual", {}, scenario="fail_extract")

    harness.advance(30)

    (sent,) = harness.transport.sent
    assert sent.json["event"] == "workflow.failed"
    assert sent.json["data"]["error"].startswith("Step extract failed")


def test_document_events_reach_subscribers_under_either_completion_name(harness):
    _subscribe(harness, ["document.uploaded", "document.completed", "extraction.completed"])

    document = harness.domain.documents.upload(LOCAL, Upload("a.pdf", 10))
    harness.advance(10)

    assert harness.sent_events() == [
        "document.uploaded",
        "document.completed",
        "extraction.completed",
    ]
    completed = harness.transport.sent[1].json["data"]
    assert (completed["id"], completed["status"], completed["pages"]) == (
        document.id,
        "completed",
        2,
    )


def test_a_failing_receiver_is_retried_with_backoff_and_later_events_wait_their_turn(harness):
    harness.transport.statuses = [500, 503]
    _subscribe(harness, WORKFLOW_EVENTS)
    workflow = harness.domain.workflows.create(LOCAL, invoice_workflow())
    harness.domain.executions.start(workflow, "manual", {}, scenario="instant")

    harness.advance(10)

    assert harness.sent_events() == [
        "workflow.started",
        "workflow.started",
        "workflow.started",
        "workflow.step.completed",
        "workflow.step.completed",
        "workflow.completed",
    ]
    first = harness.dispatcher.deliveries()[0]
    assert [isoformat_z(a.sent_at)[11:19] for a in first.attempts] == [
        "10:30:00",
        "10:30:01",
        "10:30:03",
    ]
    assert first.outcome.value == "delivered"
