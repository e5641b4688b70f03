"""Work items over HTTP: create, read, decisioning on the clock, decisions with receipts."""

from __future__ import annotations

import pytest

from tests.apis.threada.http_support import SEED_BODY, TOKEN, assert_error, create, threada_of


def test_the_references_create_answers_as_documented(key):
    response = key(TOKEN).post("/work-items", json=SEED_BODY)

    assert response.status_code == 201
    body = response.json
    assert {k: body[k] for k in ("work_item_id", "status", "workflow_id")} == {
        "work_item_id": "wi_123",
        "status": "new",
        "workflow_id": "policy_review",
    }
    assert (body["channel_id"], body["tenant_id"]) == ("web_main", "example")
    assert body["payload"] == SEED_BODY["payload"]
    assert body["receipts"] == []
    assert "X-Correlation-Id" not in response.headers  # only errors carry one


def test_a_created_item_reads_back_the_same(http):
    created = create(http)

    assert http.get(f"/work-items/{created['work_item_id']}").json == created


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"workflow_id": "policy_reveiw"}, "unknown_workflow", "body.workflow_id"),
        ({"channel_id": "fax"}, "unknown_channel", "body.channel_id"),
        ({"channel_id": "partner_api"}, "channel_not_accepted", "body.channel_id"),
    ],
)
def test_a_create_naming_what_does_not_exist_is_a_validation_error(
    http, emulator, fields, code, field
):
    error = assert_error(
        http.post("/work-items", json={**SEED_BODY, **fields}), 400, "validation", code
    )

    assert error["details"]["field"] == field
    assert threada_of(emulator).count() == 0


def test_a_workflow_that_requires_a_channel_refuses_a_create_without_one(http, emulator):
    body = {"workflow_id": "policy_review", "payload": {}}

    error = assert_error(http.post("/work-items", json=body), 400, "validation", "channel_required")

    assert "requires channel_id" in error["message"]
    assert threada_of(emulator).count() == 0


def test_a_workflow_without_channels_takes_a_create_without_one(http):
    response = http.post("/work-items", json={"workflow_id": "support_triage", "payload": {}})

    assert response.status_code == 201
    assert response.json["channel_id"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"workflow_id": "policy_review", "channel_id": "web_main"}, "body.payload"),
        ({**SEED_BODY, "payload": []}, "body.payload"),
        ({**SEED_BODY, "workflow": "policy_review"}, "body"),
        ({**SEED_BODY, "workflow_id": ""}, "body.workflow_id"),
    ],
)
def test_a_body_the_contract_refuses_is_400_naming_the_field(http, emulator, body, field):
    error = assert_error(http.post("/work-items", json=body), 400, "validation", "invalid_field")

    assert error["details"]["field"].startswith(field)
    assert threada_of(emulator).count() == 0


def test_malformed_json_and_another_media_type_are_validation_errors(http):
    assert_error(
        http.post("/work-items", data="{nope", content_type="application/json"),
        400,
        "validation",
        "invalid_request",
    )
    assert_error(
        http.post("/work-items", data="workflow_id=x", content_type="text/plain"),
        415,
        "validation",
        "unsupported_media_type",
    )


def test_prefer_picks_the_decisioning_scenario(http):
    response = http.post("/work-items", json=SEED_BODY, headers={"Prefer": "scenario=answer"})

    assert response.status_code == 201
    assert response.headers["Preference-Applied"] == "scenario=answer"
    assert response.json["mock_scenario"] == "answer"
    unknown = http.post("/work-items", json=SEED_BODY, headers={"Prefer": "scenario=nope"})
    assert assert_error(unknown, 400, "validation", "unknown_scenario")["details"]["field"] == (
        "Prefer"
    )


def test_decisioning_moves_the_item_on_the_clock_and_leaves_an_ai_receipt(http, tick):
    item = create(http)["work_item_id"]
    tick(1.9)
    assert http.get(f"/work-items/{item}").json["status"] == "new"

    tick(0.1)

    body = http.get(f"/work-items/{item}").json
    assert body["status"] == "in_review"
    [receipt] = body["receipts"]
    assert receipt["actor"] == {"type": "ai", "id": "decisioning/review"}
    assert (receipt["decision"], receipt["outcome"]) == ("ai_review", "routed_to_review")
    assert (receipt["previous_status"], receipt["status"]) == ("new", "in_review")
    assert receipt["policy"] == {
        "policy_set": "default_governance",
        "version": "2026-01",
        "scope": "workflow",
    }
    assert receipt["evidence"]["fallback_reason"].startswith("Confidence 0.41")
    assert receipt["at"] == "2025-01-15T10:30:02.000000Z"  # START + 2 s


@pytest.mark.parametrize(
    ("scenario", "status", "outcome"),
    [("answer", "resolved", "answered"), ("refuse", "refused", "refused")],
)
def test_decisioning_can_answer_or_refuse(http, tick, scenario, status, outcome):
    headers = {"Prefer": f"scenario={scenario}"}
    item = http.post("/work-items", json=SEED_BODY, headers=headers).json["work_item_id"]

    tick(5)

    body = http.get(f"/work-items/{item}").json
    assert body["status"] == status
    assert body["receipts"][-1]["outcome"] == outcome


def approval_item(http, tick):
    """A refund the decisioning proposed and that now awaits a person's approval."""
    item = create(http, workflow_id="refunds")["work_item_id"]
    tick(3)
    body = http.get(f"/work-items/{item}").json
    assert body["status"] == "awaiting_approval"
    assert body["proposed_action"] == {"action_id": "issue_refund", "integration_id": "int_crm"}
    return item


@pytest.mark.parametrize(
    ("decision", "status"),
    [("approve", "approved"), ("reject", "rejected"), ("escalate", "escalated")],
)
def test_a_person_decides_with_evidence_and_the_receipt_says_who(http, tick, decision, status):
    item = approval_item(http, tick)
    evidence = {
        "citations": [{"source": "crm://orders/A-1042", "excerpt": "Photo of the damage."}],
        "fallback_reason": "Checked by a person.",
    }

    response = http.post(f"/work-items/{item}/{decision}", json=evidence)

    assert response.status_code == 200
    assert response.json["status"] == status
    receipt = response.json["receipts"][-1]
    assert receipt["actor"] == {"type": "human", "id": "acme-developer"}
    assert (receipt["decision"], receipt["previous_status"]) == (decision, "awaiting_approval")
    assert receipt["evidence"] == evidence
    assert receipt["action_id"] == "issue_refund"
    assert http.get(f"/work-items/{item}").json == response.json


def test_a_decision_without_evidence_is_refused_and_changes_nothing(http, tick):
    item = approval_item(http, tick)
    before = http.get(f"/work-items/{item}").json

    error = assert_error(
        http.post(f"/work-items/{item}/approve", json={}), 400, "validation", "evidence_required"
    )

    assert "citations or a fallback_reason" in error["message"]
    assert http.get(f"/work-items/{item}").json == before


def test_a_decision_the_lifecycle_forbids_is_409(http, tick):
    item = create(http)["work_item_id"]

    error = assert_error(
        http.post(f"/work-items/{item}/approve", json={"fallback_reason": "ok"}),
        409,
        "validation",
        "invalid_state_transition",
    )

    assert "from status new" in error["message"]


def test_a_person_wins_over_the_decisioning_still_planned(http, tick):
    item = create(http)["work_item_id"]

    escalated = http.post(f"/work-items/{item}/escalate", json={"fallback_reason": "VIP"})
    tick(10)

    assert escalated.json["status"] == "escalated"
    body = http.get(f"/work-items/{item}").json
    assert body["status"] == "escalated"
    assert [r["decision"] for r in body["receipts"]] == ["escalate"]


def test_deciding_needs_workflow_manage(key, http, tick):
    item = approval_item(http, tick)

    error = assert_error(
        key("threada-intake-key").post(
            f"/work-items/{item}/approve", json={"fallback_reason": "x"}
        ),
        403,
        "authorization",
        "missing_scope",
    )

    assert "workflow:manage" in error["message"]
    assert http.get(f"/work-items/{item}").json["status"] == "awaiting_approval"
