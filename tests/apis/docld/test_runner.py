"""The execution runner on a manual clock: steps end after their scenario's time, conditions
skip, integration steps render their template and reach slack, e-mail or a webhook."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mock_server.apis.docld.domain.views import execution_json
from mock_server.webhooks.inbox import InboxConfig
from tests.apis.docld.harness import Harness
from tests.apis.docld.support import LOCAL, invoice_workflow, slack_integration


@pytest.fixture
def harness() -> Iterator[Harness]:
    harness = Harness()
    yield harness
    harness.close()


def _notify(integration_id: str, template: str = "Invoice processed: {{invoice_number}}"):
    config = {"integration_id": integration_id, "template": template}
    return {"id": "notify", "type": "integration", "config": config}


def _workflow(harness: Harness, *extra_steps, **changes):
    steps = [
        {"id": "parse", "type": "parse", "config": {}},
        {"id": "extract", "type": "extract", "config": {"schema_id": "invoice-schema"}},
        *extra_steps,
    ]
    body = invoice_workflow(definition={"steps": steps}, **changes)
    return harness.domain.workflows.create(LOCAL, body)


def _log(harness: Harness, execution_id: str) -> list[tuple[str, str, int | None]]:
    execution = harness.domain.executions.find(execution_id)
    assert execution is not None
    return [(e.step_id, e.status, e.duration_ms) for e in execution.log]


def test_steps_end_one_after_another_after_their_scenario_durations(harness):
    slack = harness.domain.integrations.create(LOCAL, slack_integration())
    workflow = _workflow(harness, _notify(slack.id))
    execution = harness.domain.executions.start(workflow, "manual", {"document_id": "doc-1"})

    harness.advance(4.9)
    assert _log(harness, execution.id) == [("parse", "running", None)]
    harness.advance(0.1)
    assert _log(harness, execution.id) == [
        ("parse", "completed", 5000),
        ("extract", "running", None),
    ]
    harness.advance(3.8)

    assert _log(harness, execution.id) == [
        ("parse", "completed", 5000),
        ("extract", "completed", 3000),
        ("notify", "completed", 800),
    ]
    document = execution_json(harness.domain.executions.find(execution.id))
    assert document["status"] == "completed"
    assert document["completed_at"] == "2025-01-15T10:30:08.800000Z"
    assert document["execution_log"][1]["output"]["invoice_number"] == "INV-2024-0042"


def test_a_slack_step_renders_its_template_into_the_slack_inbox(harness):
    slack = harness.domain.integrations.create(LOCAL, slack_integration())
    workflow = _workflow(harness, _notify(slack.id, "{{vendor}}: {{invoice_number}} {{nope}}!"))
    harness.domain.executions.start(workflow, "manual", {})

    harness.advance(10)

    (capture,) = harness.inboxes.get("docld-slack").captures()
    assert capture.document() == {"channel": "#invoices", "text": "Acme Supplies: INV-2024-0042 !"}
    assert capture.request.path == "/services/T0/B0/x"


def test_an_email_step_renders_subject_and_text_into_the_email_inbox(harness):
    email = harness.domain.integrations.create(
        LOCAL,
        {
            "name": "Mail",
            "integration_type": "email",
            "config": {"to": "ap@acme.example", "subject": "Invoice {{invoice_number}}",
                       "template": "Total {{total}}"},
        },
    )  # fmt: skip
    workflow = _workflow(harness, {"id": "mail", "type": "integration",
                                   "config": {"integration_id": email.id}})  # fmt: skip
    harness.domain.executions.start(workflow, "manual", {})

    harness.advance(10)

    (capture,) = harness.inboxes.get("docld-email").captures()
    assert capture.document() == {
        "to": "ap@acme.example",
        "subject": "Invoice INV-2024-0042",
        "text": "Total 1250.0",
    }


def test_an_inbox_answering_an_error_fails_the_step_and_the_execution(harness):
    harness.inboxes.configure("docld-slack", InboxConfig(status=500))
    slack = harness.domain.integrations.create(LOCAL, slack_integration())
    execution = harness.domain.executions.start(_workflow(harness, _notify(slack.id)), "manual", {})

    harness.advance(10)

    done = harness.domain.executions.find(execution.id)
    assert (done.status, done.error) == ("failed", "Step notify failed: slack answered 500")


def test_a_webhook_integration_posts_through_the_dispatcher_and_its_egress_policy(harness):
    near = harness.domain.integrations.create(
        LOCAL,
        {"name": "Near", "integration_type": "webhook",
         "config": {"url": "http://127.0.0.1:9/hook", "headers": {"X-Token": "t0k"}}},
    )  # fmt: skip
    far = harness.domain.integrations.create(
        LOCAL,
        {"name": "Far", "integration_type": "webhook", "config": {"url": "https://far.example/h"}},
    )
    steps = (_notify(near.id), {**_notify(far.id), "id": "far"})
    execution = harness.domain.executions.start(_workflow(harness, *steps), "manual", {})

    harness.advance(20)

    (sent,) = harness.transport.sent
    assert sent.url == "http://127.0.0.1:9/hook"
    assert sent.headers["X-Token"] == "t0k"
    assert sent.json["message"] == "Invoice processed: INV-2024-0042"
    assert sent.json["execution_id"] == execution.id
    outcomes = {d.url: d.outcome.value for d in harness.dispatcher.deliveries()}
    assert outcomes == {"http://127.0.0.1:9/hook": "delivered", "https://far.example/h": "blocked"}
    assert harness.domain.executions.find(execution.id).status == "completed"


def test_a_condition_that_does_not_hold_skips_the_remaining_steps(harness):
    check = {"id": "big", "type": "condition",
             "config": {"field": "total", "operator": "gt", "value": 5000}}  # fmt: skip
    slack = harness.domain.integrations.create(LOCAL, slack_integration())
    execution = harness.domain.executions.start(
        _workflow(harness, check, _notify(slack.id)), "manual", {}
    )

    harness.advance(20)

    assert _log(harness, execution.id)[2:] == [("big", "completed", 100), ("notify", "skipped", 0)]
    assert harness.domain.executions.find(execution.id).status == "completed"
    assert harness.inboxes.get("docld-slack").captures() == []


def test_a_failing_scenario_step_fails_the_run_and_later_steps_never_run(harness):
    workflow = _workflow(harness, {"id": "shape", "type": "transform"})
    execution = harness.domain.executions.start(workflow, "manual", {}, scenario="fail_extract")

    harness.advance(60)

    assert _log(harness, execution.id) == [
        ("parse", "completed", 5000),
        ("extract", "failed", 3000),
    ]
    done = harness.domain.executions.find(execution.id)
    assert (
        done.error
        == "Step extract failed: Extraction failed: the document matches no field of the schema"
    )


def test_a_deleted_integration_fails_its_step_when_it_runs(harness):
    slack = harness.domain.integrations.create(LOCAL, slack_integration())
    execution = harness.domain.executions.start(_workflow(harness, _notify(slack.id)), "manual", {})
    harness.domain.integrations.delete("org-local", slack.id)

    harness.advance(10)

    assert harness.domain.executions.find(execution.id).error == (
        f"Step notify failed: integration {slack.id} no longer exists"
    )


def test_a_deleted_workflow_or_a_reset_stops_runs_in_flight(harness):
    first = harness.domain.executions.start(_workflow(harness), "manual", {})
    second = harness.domain.executions.start(_workflow(harness), "manual", {})
    harness.advance(1)

    harness.domain.workflows.delete("org-local", first.workflow_id)
    harness.engine.clear()
    harness.advance(60)

    assert harness.domain.executions.find(first.id) is None
    assert _log(harness, second.id) == [("parse", "running", None)]


def test_saved_plans_put_back_carry_the_run_on_where_it_stood(harness):
    execution = harness.domain.executions.start(_workflow(harness), "manual", {})
    harness.advance(2)
    steps, documents = harness.engine.plans()

    harness.engine.clear()
    harness.engine.restore(steps, documents)
    harness.advance(3)

    assert _log(harness, execution.id)[0] == ("parse", "completed", 5000)
