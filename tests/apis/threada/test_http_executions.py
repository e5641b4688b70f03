"""Governed execution over HTTP: policy approval, idempotency, outcomes on the clock."""

from __future__ import annotations

import pytest

from tests.apis.threada.http_support import (
    SEED_BODY,
    SEED_EXECUTE,
    TOKEN,
    assert_error,
    create,
    threada_of,
)


def execute(client, key=None, **fields):
    headers = {"Idempotency-Key": key} if key is not None else {}
    return client.post("/actions/execute", json={**SEED_EXECUTE, **fields}, headers=headers)


def approved_refund(http, tick):
    item = create(http, workflow_id="refunds")["work_item_id"]
    tick(3)
    approved = http.post(f"/work-items/{item}/approve", json={"fallback_reason": "Damaged."})
    assert approved.json["status"] == "approved"
    return item


def test_the_references_execute_answers_as_documented_and_succeeds_on_the_clock(key, tick):
    example = key(TOKEN)
    example.post("/work-items", json=SEED_BODY)

    response = execute(example)

    assert response.status_code == 202
    assert response.headers["Idempotent-Replayed"] == "false"
    body = response.json
    assert {k: body[k] for k in ("execution_id", "status", "idempotency_key")} == {
        "execution_id": "ex_456",
        "status": "started",
        "idempotency_key": "idem_789",
    }
    assert example.get("/work-items/wi_123").json["status"] == "executing"
    tick(1)
    done = example.get("/actions/executions/ex_456").json
    assert (done["status"], done["attempts"], done["external_ref"]) == (
        "succeeded",
        1,
        "int_workflow/ex_456",
    )
    item = example.get("/work-items/wi_123").json
    assert item["status"] == "resolved"
    assert [r["outcome"] for r in item["receipts"]] == ["executed", "succeeded"]
    assert item["receipts"][0]["evidence"]["fallback_reason"] == (
        "Policy default_governance 2026-01 allows request_approval on int_workflow."
    )
    assert item["receipts"][1]["external_ref"] == "int_workflow/ex_456"


def test_the_same_request_again_answers_the_same_execution_and_starts_nothing(http, emulator):
    item = create(http)["work_item_id"]
    first = execute(http, work_item_id=item)

    again = execute(http, work_item_id=item)

    assert again.status_code == 202
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json == first.json
    api = threada_of(emulator)
    assert len(api.service.executions.all()) == 1
    assert len(http.get(f"/work-items/{item}").json["receipts"]) == 1


def test_the_same_key_answers_the_same_execution_even_after_it_finished(http, tick):
    item = create(http)["work_item_id"]
    first = execute(http, key="order-42/approval", work_item_id=item)
    tick(5)

    again = execute(http, key="order-42/approval", work_item_id=item)

    assert (first.json["execution_id"], first.json["idempotency_key"]) == (
        "ex_456",
        "order-42/approval",
    )
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json["execution_id"] == "ex_456"
    assert again.json["status"] == "succeeded"


def test_a_key_reused_for_another_request_is_409_and_starts_nothing(http, emulator):
    one = create(http)["work_item_id"]
    other = create(http)["work_item_id"]
    execute(http, key="k-1", work_item_id=one)

    error = assert_error(
        execute(http, key="k-1", work_item_id=other), 409, "validation", "idempotency_key_reused"
    )

    assert error["details"]["field"] == "Idempotency-Key"
    assert "ex_456" in error["message"]
    assert http.get(f"/work-items/{other}").json["status"] == "new"
    assert len(threada_of(emulator).service.executions.all()) == 1


def test_keys_are_per_tenant(http, key):
    execute(http, key="shared", work_item_id=create(http)["work_item_id"])
    globex = key("threada-globex-key")

    response = execute(globex, key="shared", work_item_id=create(globex)["work_item_id"])

    assert response.headers["Idempotent-Replayed"] == "false"
    assert response.json["execution_id"] == "ex_457"


@pytest.mark.parametrize("bad", ["has space", "x" * 256, "tab\there"])
def test_a_malformed_idempotency_key_is_a_validation_error(http, bad):
    item = create(http)["work_item_id"]

    error = assert_error(
        execute(http, key=bad, work_item_id=item), 400, "validation", "invalid_idempotency_key"
    )

    assert error["details"]["field"] == "Idempotency-Key"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"action_id": "close_account", "integration_id": "int_workflow"}, "action_denied"),
        ({"action_id": "issue_refund", "integration_id": "int_crm"}, "approval_required"),
        (
            {"action_id": "request_approval", "integration_id": "int_crm"},
            "integration_not_permitted",
        ),
    ],
)
def test_an_action_the_policy_does_not_approve_is_a_policy_error(http, emulator, fields, code):
    item = create(http)["work_item_id"]

    error = assert_error(execute(http, work_item_id=item, **fields), 403, "policy", code)

    assert "Policy default_governance 2026-01" in error["message"]
    assert http.get(f"/work-items/{item}").json["receipts"] == []
    assert threada_of(emulator).service.executions.all() == []


def test_an_action_outside_the_items_policy_set_is_not_in_policy(http):
    item = create(http, workflow_id="support_triage")["work_item_id"]

    assert_error(
        execute(http, work_item_id=item, action_id="close_account"),
        403,
        "policy",
        "action_not_in_policy",
    )


def test_an_unknown_item_action_or_integration_is_named(http):
    item = create(http)["work_item_id"]

    assert_error(execute(http, work_item_id="wi_999"), 404, "validation", "work_item_not_found")
    unknown_action = execute(http, work_item_id=item, action_id="fly")
    assert assert_error(unknown_action, 400, "validation", "unknown_action")["details"] == {
        "field": "body.action_id",
        "issue": "no action 'fly'",
    }
    assert_error(
        execute(http, work_item_id=item, integration_id="int_nope"),
        400,
        "validation",
        "unknown_integration",
    )


def test_a_refund_runs_once_a_person_approved_it_and_retries_under_the_same_key(http, tick):
    item = approved_refund(http, tick)

    started = execute(
        http,
        key="refund-A-1042",
        work_item_id=item,
        action_id="issue_refund",
        integration_id="int_crm",
    )
    assert started.status_code == 202
    tick(1)
    assert http.get("/actions/executions/ex_456").json["attempts"] == 1  # failed, retry planned
    assert http.get("/actions/executions/ex_456").json["status"] == "started"
    tick(2)

    done = http.get("/actions/executions/ex_456").json
    assert (done["status"], done["attempts"], done["idempotency_key"]) == (
        "succeeded",
        2,
        "refund-A-1042",
    )
    receipts = http.get(f"/work-items/{item}").json["receipts"]
    assert receipts[-2]["evidence"]["fallback_reason"].startswith("Approved in receipt rc_")


def test_a_terminal_integration_failure_fails_the_execution_and_the_item(http, tick):
    item = approved_refund(http, tick)
    execute(http, work_item_id=item, action_id="issue_refund", integration_id="int_legacy_erp")

    tick(1)

    done = http.get("/actions/executions/ex_456").json
    assert done["status"] == "failed"
    assert done["error"] == {
        "type": "execution",
        "code": "integration_rejected",
        "message": "Legacy ERP (always refuses) refused the action on attempt 1.",
        "retryable": False,
    }
    item_now = http.get(f"/work-items/{item}").json
    assert item_now["status"] == "failed"
    assert item_now["receipts"][-1]["reason_code"] == "integration_rejected"


def test_a_disabled_integration_is_an_execution_error(http, tick):
    item = approved_refund(http, tick)

    error = assert_error(
        execute(http, work_item_id=item, action_id="issue_refund", integration_id="int_payments"),
        503,
        "execution",
        "integration_disabled",
    )

    assert error["details"]["field"] == "body.integration_id"


def test_a_webhook_integration_posts_through_the_dispatcher_with_the_key(http, app, tick):
    control = app.test_client()
    item = create(http)["work_item_id"]
    execute(http, key="ticket-7", work_item_id=item, integration_id="int_ticketing")

    tick(1)

    [delivery] = control.get("/_mock/deliveries?api=threada").json["deliveries"]
    assert (delivery["subject"], delivery["outcome"]) == ("threada/ex_456", "delivered")
    [captured] = control.get("/_mock/inbox/threada-ticketing/requests").json["requests"]
    assert captured["headers"]["Idempotency-Key"] == "ticket-7"
    done = http.get("/actions/executions/ex_456").json
    assert (done["status"], done["attempts"]) == ("succeeded", 1)
    assert done["external_ref"] == f"delivery/{delivery['delivery_id']}"


def test_a_webhook_the_receiver_keeps_refusing_fails_after_the_dispatchers_retries(http, app, tick):
    control = app.test_client()
    control.put("/_mock/inbox/threada-ticketing", json={"status": 500})
    item = create(http)["work_item_id"]
    execute(http, work_item_id=item, integration_id="int_ticketing")

    tick(30)

    done = http.get("/actions/executions/ex_456").json
    assert (done["status"], done["error"]["code"], done["attempts"]) == (
        "failed",
        "retries_exhausted",
        4,
    )
    assert http.get(f"/work-items/{item}").json["status"] == "failed"


def test_reading_an_execution_needs_a_scope_and_the_tenant(http, key):
    execute(http, work_item_id=create(http)["work_item_id"])

    assert key("threada-reader-key").get("/actions/executions/ex_456").status_code == 200
    assert_error(
        key("threada-analyst-key").get("/actions/executions/ex_456"),
        403,
        "authorization",
        "missing_scope",
    )
    assert_error(
        key("threada-globex-key").get("/actions/executions/ex_456"),
        404,
        "validation",
        "execution_not_found",
    )
