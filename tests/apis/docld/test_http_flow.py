"""The user's flow over HTTP: upload a PDF, watch the execution, get signed webhooks in order."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

import pytest

from tests.apis.docld.conftest import API, invoice_workflow, ok

PDF = Path(__file__).resolve().parents[3] / "fixtures" / "files" / "invoice.pdf"
SECRET = "whsec_flow_test_secret"
WORKFLOW_EVENTS = [
    "workflow.started",
    "workflow.step.completed",
    "workflow.completed",
    "workflow.failed",
]
INBOX = "/_mock/inbox/app"


def independent_signature(body: bytes) -> str:
    """DocLD's scheme computed apart from the emulator: sha256= hex HMAC of the raw body."""
    return "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()


@pytest.fixture
def subscribed(client):
    """A capture inbox that checks signatures with the secret, subscribed to workflow events."""
    ok(client.put(INBOX, json={"secret": SECRET}))
    body = {"url": f"http://127.0.0.1:8080{INBOX}", "events": WORKFLOW_EVENTS, "secret": SECRET}
    return ok(client.post(f"{API}/webhooks", json=body), 201)["webhook"]


def slack_workflow(client) -> dict:
    integration = {
        "name": "Slack Notifications",
        "integration_type": "slack",
        "config": {"webhook_url": "https://hooks.slack.com/services/T0/B0/x", "channel": "#ap"},
    }
    slack = ok(client.post(f"{API}/workflows/integrations", json=integration), 201)["integration"]
    body = invoice_workflow()
    body["definition"]["steps"].append(
        {
            "id": "notify",
            "type": "integration",
            "config": {
                "integration_id": slack["id"],
                "template": "Invoice {{invoice_number}} from {{vendor}}: {{total}} {{currency}}",
            },
        }
    )
    return ok(client.post(f"{API}/workflows", json=body), 201)["workflow"]


def upload(client, name="invoice.pdf", **headers) -> dict:
    with PDF.open("rb") as pdf:
        response = client.post(f"{API}/upload", data={"file": (pdf, name)}, headers=headers)
    return ok(response, 201)["document"]


def executions(client, workflow) -> list[dict]:
    return ok(client.get(f"{API}/workflows/{workflow['id']}/executions"))["executions"]


def steps(execution) -> list[tuple[str, str]]:
    return [(e["step_id"], e["status"]) for e in execution["execution_log"]]


def header(capture: dict, name: str) -> str:
    return next(v for k, v in capture["headers"].items() if k.lower() == name.lower())


def captures(client) -> list[dict]:
    return ok(client.get(f"{INBOX}/requests"))["requests"]


def test_an_uploaded_pdf_runs_the_event_workflow_step_by_step_with_signed_webhooks_in_order(
    client, advance, subscribed
):
    workflow = slack_workflow(client)
    document = upload(client)
    assert (document["status"], document["file_type"]) == ("uploaded", "pdf")

    [execution] = executions(client, workflow)
    assert (execution["status"], execution["triggered_by"]) == ("running", "event")
    assert execution["trigger_data"]["document_id"] == document["id"]
    assert steps(execution) == [("parse", "running")]
    advance(5)  # parse takes 5 s under the default scenario
    assert steps(executions(client, workflow)[0]) == [
        ("parse", "completed"),
        ("extract", "running"),
    ]
    advance(3)
    assert steps(executions(client, workflow)[0])[-1] == ("notify", "running")
    advance(0.8)
    [done] = executions(client, workflow)
    assert done["status"] == "completed"
    assert steps(done) == [
        ("parse", "completed"),
        ("extract", "completed"),
        ("notify", "completed"),
    ]
    assert [e["duration_ms"] for e in done["execution_log"]] == [5000, 3000, 800]

    got = captures(client)
    assert [c["json"]["event"] for c in got] == [
        "workflow.started",
        "workflow.step.completed",
        "workflow.step.completed",
        "workflow.step.completed",
        "workflow.completed",
    ]
    assert [c["json"]["data"].get("step", {}).get("step_id") for c in got[1:4]] == [
        "parse", "extract", "notify",
    ]  # fmt: skip
    for capture in got:
        assert capture["signature"]["verdict"] == "valid"
        signature = header(capture, "X-DocLD-Signature")
        assert signature == independent_signature(capture["body"].encode())
        assert capture["json"]["webhook_id"] == subscribed["id"]
        assert capture["json"]["data"]["execution_id"] == done["id"]
        assert header(capture, "User-Agent") == "DocLD-Webhooks/1.0"
    [slack] = ok(client.get("/_mock/inbox/docld-slack/requests"))["requests"]
    assert slack["json"] == {
        "channel": "#ap",
        "text": "Invoice INV-2024-0042 from Acme Supplies: 1250.0 USD",
    }


def test_a_failing_step_ends_the_execution_failed_with_workflow_failed(client, advance, subscribed):
    workflow = slack_workflow(client)
    upload(client, **{"Prefer": "scenario=failing_workflows"})  # its workflows fail at extract

    advance(10)

    [failed] = executions(client, workflow)
    assert failed["status"] == "failed"
    assert steps(failed) == [("parse", "completed"), ("extract", "failed")]
    assert failed["error"].startswith("Step extract failed: Extraction failed")
    events = [c["json"]["event"] for c in captures(client)]
    assert events == ["workflow.started", "workflow.step.completed", "workflow.failed"]
    assert captures(client)[-1]["json"]["data"]["error"] == failed["error"]
    assert ok(client.get("/_mock/inbox/docld-slack/requests"))["requests"] == []


def test_an_upload_the_filters_reject_starts_nothing(client, advance, subscribed):
    workflow = slack_workflow(client)

    upload(client, name="notes.txt")
    advance(10)

    assert executions(client, workflow) == []
    assert captures(client) == []


def test_a_forged_delivery_at_the_inbox_is_judged_invalid(client, advance, subscribed):
    """The inbox checks with DocLD's scheme because the request carries its header."""
    body = b'{"event":"workflow.completed","data":{}}'
    client.post(INBOX, data=body, headers={"X-DocLD-Signature": "sha256=" + "0" * 64})

    [capture] = captures(client)

    assert capture["signature"]["verdict"] == "invalid"
    assert "raw body" in capture["signature"]["reason"]


def test_a_receiver_that_fails_is_retried_with_backoff_on_the_clock(client, advance, subscribed):
    ok(client.put(INBOX, json={"secret": SECRET, "fail_first": 2}))
    execution = ok(client.post(f"{API}/workflows/{manual(client)}/execute", json={}))

    advance(0)  # first attempt: 500
    advance(1)  # second, after 1 s: 500
    advance(2)  # third, after 2 more: 200

    deliveries = ok(client.get("/_mock/deliveries"))["deliveries"]
    started = [d for d in deliveries if d["event"] == "workflow.started"]
    assert [a["response_status"] for a in started[0]["attempts"]] == [500, 500, 200]
    assert [a["sent_at"][-13:] for a in started[0]["attempts"]] == [
        "30:00.000000Z", "30:01.000000Z", "30:03.000000Z",
    ]  # fmt: skip
    assert started[0]["outcome"] == "delivered"
    assert {(d["api"], d["subject"]) for d in deliveries} == {("docld", execution["execution_id"])}


def manual(client) -> str:
    body = invoice_workflow(trigger_type="manual", trigger_config={})
    return str(ok(client.post(f"{API}/workflows", json=body), 201)["workflow"]["id"])
