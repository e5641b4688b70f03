"""Threada through the control plane: snapshots, reset, scenarios, the inspector, /_mock/apis."""

from __future__ import annotations

import json

import pytest

from mock_server import create_app
from tests.apis.threada.http_support import DEV, TOKEN, client_for, create, json_of


@pytest.fixture
def control(app):
    return app.test_client()


@pytest.fixture
def other(settings):
    """A second emulator of the same settings, with its own clock."""
    app = create_app(settings)
    yield app
    app.extensions["workitems_mock"].stop()


def busy(http, key, tick):
    """Items in several statuses, executions finished and running (a retry planned, a webhook
    delivery in flight), decisioning planned, a new key's worth of tenants."""
    create(key(TOKEN))
    key(TOKEN).post(
        "/actions/execute",
        json={
            "work_item_id": "wi_123",
            "action_id": "request_approval",
            "integration_id": "int_workflow",
        },
    )
    refund = create(http, workflow_id="refunds")["work_item_id"]
    tick(3)
    http.post(f"/work-items/{refund}/approve", json={"fallback_reason": "Damaged."})
    http.post(
        "/actions/execute",
        json={"work_item_id": refund, "action_id": "issue_refund", "integration_id": "int_crm"},
        headers={"Idempotency-Key": "refund-1"},
    )
    ticket = create(http)["work_item_id"]
    http.post(
        "/actions/execute",
        json={"work_item_id": ticket, "action_id": "send_reply", "integration_id": "int_ticketing"},
    )
    create(http, workflow_id="support_triage")
    tick(1.5)  # the refund's first attempt failed, its retry is planned; decisioning pending


def statuses(client):
    return [
        (i["work_item_id"], i["status"]) for i in client.get("/work-items?limit=100").json["items"]
    ]


def test_a_snapshot_round_trip_is_exact(http, key, tick, control, other):
    busy(http, key, tick)
    exported = control.get("/_mock/state?include_secrets=true").data
    part = json.loads(exported)["apis"]["threada"]
    assert part["planned_decisions"]
    assert {p["kind"] for p in part["planned_executions"]} == {"attempt"}

    fresh = other.test_client()
    restored = fresh.put("/_mock/state", data=exported, content_type="application/json")

    assert restored.status_code == 200, restored.json
    assert fresh.get("/_mock/state?include_secrets=true").data == exported


def test_a_restored_emulator_carries_on_exactly_where_the_saved_one_stood(
    http, key, tick, control, other
):
    busy(http, key, tick)
    exported = control.get("/_mock/state?include_secrets=true").json
    other_control = other.test_client()
    assert other_control.put("/_mock/state", json=exported).status_code == 200
    other_http = client_for(other, DEV)

    tick(10)
    other_control.post("/_mock/clock/advance", json={"seconds": 10})

    assert statuses(other_http) == statuses(http)
    assert other_http.get("/actions/executions/ex_457").json == (
        http.get("/actions/executions/ex_457").json
    )
    assert json_of(other_http.get("/actions/executions/ex_457"))["status"] == "succeeded"
    assert create(other_http)["work_item_id"] == create(http)["work_item_id"]  # ids continue
    again = other_http.post(
        "/actions/execute",
        json={"work_item_id": "wi_999", "action_id": "x", "integration_id": "y"},
        headers={"Idempotency-Key": "refund-1"},
    )
    assert again.status_code == 409  # the key is remembered across the snapshot


@pytest.mark.parametrize(
    ("damage", "where"),
    [
        (lambda p: p["work_items"][0].pop("receipts"), "apis.threada.work_items.0.receipts"),
        (lambda p: p["work_items"][0].update(status="done"), "apis.threada.work_items.0.status"),
        (lambda p: p["work_items"].append(p["work_items"][0]), "work item 'wi_123' twice"),
        (lambda p: p["executions"][0].update(work_item_id="wi_1"), "apis.threada.executions.0"),
        (lambda p: p["work_items"][0].update(created_at="2025-01-15T10:30:00"), "created_at"),
        (lambda p: p["keys"][0].update(scopes=["everything"]), "apis.threada.keys.0.scopes"),
        (lambda p: p["scenarios"][0]["steps"].append({"after": 1, "status": "approved"}), "step"),
        (
            lambda p: p["planned_decisions"].append(
                {**p["planned_decisions"][0], "work_item_id": "wi_9"}
            ),
            "planned_decisions",
        ),
        (lambda p: p.update(profile="platform"), "apis.threada.profile"),
    ],
)
def test_a_damaged_part_is_refused_naming_the_field_and_nothing_changes(
    http, key, tick, control, damage, where
):
    busy(http, key, tick)
    document = control.get("/_mock/state?include_secrets=true").json
    damage(document["apis"]["threada"])
    create(http)
    before = control.get("/_mock/state?include_secrets=true").json["apis"]

    refused = control.put("/_mock/state", json=document)

    assert refused.status_code == 422
    assert where in refused.json["error"]["message"]
    assert control.get("/_mock/state?include_secrets=true").json["apis"] == before


def test_reset_goes_back_to_the_fixtures_and_the_seed_ids(http, key, tick, control):
    busy(http, key, tick)

    control.post("/_mock/reset")
    tick(60)

    assert http.get("/work-items").json == {"items": []}
    assert (
        control.get("/_mock/state?include_secrets=true").json["apis"]["threada"][
            "planned_executions"
        ]
        == []
    )
    assert create(key(TOKEN))["work_item_id"] == "wi_123"


def test_the_control_plane_lists_threada_with_a_usable_key(control):
    apis = {a["name"]: a for a in control.get("/_mock/apis").json["apis"]}

    threada = apis["threada"]
    assert threada["title"] == "Threada WorkItems API"
    assert threada["base_url"] == "http://127.0.0.1:8080"
    assert (threada["api_key"], threada["tenant"]) == (TOKEN, "example")
    assert "int_workflow" in threada["integrations"]
    contract = control.get("/_mock/apis/threada/openapi.yaml")
    assert contract.status_code == 200
    assert b"title: Threada WorkItems API" in contract.data


def test_scenarios_are_listed_and_a_new_one_is_checked_and_played(http, control, tick):
    names = [s["name"] for s in control.get("/_mock/apis/threada/scenarios").json["scenarios"]]
    assert {"review", "answer", "approval", "idle"} <= set(names)
    fast = {"steps": [{"after": 0.5, "status": "resolved", "fallback_reason": "FAQ answer."}]}
    illegal = {"steps": [{"after": 1, "status": "approved", "fallback_reason": "no"}]}
    no_evidence = {"steps": [{"after": 1, "status": "refused"}]}

    assert control.put("/_mock/apis/threada/scenarios/fast", json=fast).status_code == 200
    bad = control.put("/_mock/apis/threada/scenarios/bad", json=illegal)
    assert bad.status_code == 400
    assert "cannot set status 'approved'" in bad.json["error"]["message"]
    assert control.put("/_mock/apis/threada/scenarios/bad", json=no_evidence).status_code == 400
    typo = control.put("/_mock/apis/threada/scenarios/bad", json={"stepz": []})
    assert typo.status_code == 422
    item = http.post(
        "/work-items",
        json={"workflow_id": "support_triage", "payload": {}},
        headers={"Prefer": "scenario=fast"},
    ).json["work_item_id"]
    tick(0.5)
    assert http.get(f"/work-items/{item}").json["status"] == "resolved"


def test_a_waiting_items_scenario_can_be_switched(http, control, tick):
    item = create(http)["work_item_id"]
    tick(1)

    switched = control.put(
        f"/_mock/apis/threada/resources/{item}/scenario", json={"scenario": "answer"}
    )

    assert switched.status_code == 200
    assert switched.json["mock_scenario"] == "answer"
    tick(1.5)  # past the review step the old scenario planned (at 2 s): it never fires
    assert http.get(f"/work-items/{item}").json["status"] == "new"
    tick(0.5)  # the answer, 2 s after the switch
    body = http.get(f"/work-items/{item}").json
    assert (body["status"], [r["decision"] for r in body["receipts"]]) == (
        "resolved",
        ["ai_answer"],
    )
    moved_on = control.put(
        f"/_mock/apis/threada/resources/{item}/scenario", json={"scenario": "refuse"}
    )
    assert moved_on.status_code == 400
    assert "is resolved" in moved_on.json["error"]["message"]
    missing = control.put(
        "/_mock/apis/threada/resources/wi_999/scenario", json={"scenario": "answer"}
    )
    assert missing.status_code == 404


def test_the_inspector_shows_a_threada_item_and_its_timeline(http, control, tick):
    item = create(http)["work_item_id"]
    tick(2)
    http.post(f"/work-items/{item}/approve", json={"fallback_reason": "Looks right."})

    as_json = control.get(f"/_mock/work-items/{item}").json
    page = control.get(f"/_mock/work-items/{item}", headers={"Accept": "text/html"})
    overview = control.get("/_mock/inspector")

    assert (as_json["api"], as_json["tenant_id"], as_json["status"]) == (
        "threada",
        "acme",
        "approved",
    )
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "in_review → approved by approve" in text
    assert "new → in_review by ai_review" in text
    assert f"POST /work-items/{item}/approve → 200" in text
    assert item in overview.get_data(as_text=True)
