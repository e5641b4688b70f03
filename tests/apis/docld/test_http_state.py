"""DocLD in `GET/PUT /_mock/state`: an exact round trip, carrying on, refusals all or nothing."""

from __future__ import annotations

import copy

import pytest

from mock_server import create_app
from tests.apis.docld.conftest import API, KEY, THROTTLED_KEY, DocldClient, invoice_workflow, ok

INBOX = "/_mock/inbox/app"


def busy(client, advance):
    """A bit of everything: an integration, workflows (one scheduled), a subscription, an
    upload half processed, executions finished and in flight, rate-limit usage."""
    ok(client.put(INBOX, json={"secret": "whsec_state_secret"}))
    hook = {"url": f"http://127.0.0.1:8080{INBOX}", "events": ["workflow.completed"]}
    ok(client.post(f"{API}/webhooks", json={**hook, "secret": "whsec_state_secret"}), 201)
    slack = {
        "name": "Slack",
        "integration_type": "slack",
        "config": {"webhook_url": "https://hooks.slack.com/services/x", "channel": "#ap"},
    }
    ok(client.post(f"{API}/workflows/integrations", json=slack), 201)
    ok(client.post(f"{API}/workflows", json=invoice_workflow()), 201)
    scheduled = invoice_workflow(
        trigger_type="scheduled",
        trigger_config={"cron_expression": "0 9 * * 1-5", "timezone": "America/New_York"},
    )
    ok(client.post(f"{API}/workflows", json=scheduled), 201)
    client.post(f"{API}/upload", data={"file": (open_pdf(), "invoice.pdf")})
    advance(4)  # processed, extracting; the execution it started still parsing
    ok(client.put("/_mock/apis/docld/scenarios/slow", json={"default": {"duration_ms": 9000}}))


def open_pdf():
    from tests.apis.docld.test_http_flow import PDF

    return PDF.open("rb")


def state(client) -> dict:
    return ok(client.get("/_mock/state?include_secrets=true"))


def fresh(app):
    other = create_app(app.extensions["workitems_mock"].settings)
    other.test_client_class = DocldClient
    client = other.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {KEY}"
    return client


def test_a_round_trip_through_the_state_document_is_byte_for_byte_exact(client, advance, app):
    busy(client, advance)
    exported = client.get("/_mock/state?include_secrets=true").data
    part = state(client)["apis"]["docld"]
    assert part["step_plans"]
    assert part["document_plans"]
    assert part["rate_limits"]

    other = fresh(app)
    ok(other.put("/_mock/state", data=exported, content_type="application/json"))

    assert other.get("/_mock/state?include_secrets=true").data == exported


def test_a_restored_emulator_carries_on_exactly_where_the_saved_one_stood(client, advance, app):
    busy(client, advance)
    other = fresh(app)
    ok(other.put("/_mock/state", json=state(client)))

    for target in (client, other):
        target.post("/_mock/clock/advance", json={"seconds": 86_400})

    def story(target):
        document = state(target)
        deliveries = [
            {**d, "attempts": [{**a, "latency_ms": None} for a in d["attempts"]]}
            for d in document["deliveries"]
        ]  # latency is wall time
        return document["apis"]["docld"], deliveries

    assert story(other) == story(client)
    workflows = ok(other.get(f"{API}/workflows"))["workflows"]
    scheduled = next(w for w in workflows if w["trigger_type"] == "scheduled")
    ran = ok(other.get(f"{API}/workflows/{scheduled['id']}/executions"))["executions"]
    assert [e["triggered_by"] for e in ran] == ["scheduled"]  # 9:00 in New York, once
    assert len(ok(other.get(f"{INBOX}/requests"))["requests"]) == 2  # both executions ended


def test_rate_limit_usage_survives_a_snapshot(app, advance):
    throttled = app.test_client()
    throttled.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {THROTTLED_KEY}"
    for _ in range(5):
        ok(throttled.get(f"{API}/workflows"))
    saved = state(throttled)
    throttled.post("/_mock/reset")
    assert throttled.get(f"{API}/workflows").status_code == 200

    ok(throttled.put("/_mock/state", json=saved))

    assert throttled.get(f"{API}/workflows").status_code == 429


@pytest.mark.parametrize(
    ("breakage", "words"),
    [
        (lambda p: p["executions"][0].update(status="paused"), "executions.0.status"),
        (lambda p: p["executions"][0].update(workflow_id="gone"), "executions.0.workflow_id"),
        (lambda p: p["step_plans"][0].update(index=7), "step_plans.0"),
        (lambda p: p["schedules"][0].update(timezone="Mars/Base"), "schedules.0"),
        (lambda p: p["webhooks"][0]["events"].append("workflow.paused"), "webhooks.0.events.1"),
        (lambda p: p["scenarios"].pop(0), "the default execution scenario 'complete'"),
        (lambda p: p.update(workflows=[*p["workflows"], p["workflows"][0]]), "twice"),
        (lambda p: p["documents"][0].update(size_bytes=-1), "documents.0.size_bytes"),
    ],
)
def test_a_part_that_does_not_fit_is_refused_whole_naming_the_field(
    client, advance, breakage, words
):
    busy(client, advance)
    before = state(client)
    document = copy.deepcopy(before)
    breakage(document["apis"]["docld"])

    response = client.put("/_mock/state", json=document)

    assert response.status_code == 422, response.get_json()
    message = response.get_json()["error"]["message"]
    assert "apis.docld." in message
    assert words in message
    after = state(client)
    assert (after["apis"], after["deliveries"]) == (before["apis"], before["deliveries"])
