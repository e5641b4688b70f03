"""Every Threada error, the core's included (404, 405, 415, 500, injected faults), comes in
Threada's envelope with its correlation id in the body and in `X-Correlation-Id`."""

from __future__ import annotations

import pytest

from tests.apis.threada.http_support import assert_error, create, threada_of


def test_correlation_ids_differ_per_error(http):
    first = assert_error(http.get("/work-items/wi_1"), 404, "validation", "work_item_not_found")
    second = assert_error(http.get("/work-items/wi_1"), 404, "validation", "work_item_not_found")

    assert first["correlation_id"] != second["correlation_id"]


@pytest.mark.parametrize(
    "path", ["/work-items/wi_1/approve/now", "/actions", "/actions/executions", "/telemetry"]
)
def test_a_path_under_threadas_roots_that_no_operation_has_is_a_threada_404(http, path):
    error = assert_error(http.get(path), 404, "validation", "not_found")

    assert error["details"] == {"field": "path", "issue": "no operation has this path"}


def test_a_method_the_path_does_not_have_is_a_threada_405_with_allow(http):
    response = http.delete("/work-items")

    error = assert_error(response, 405, "validation", "method_not_allowed")
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}
    assert "DELETE" in error["message"]


def test_a_crash_is_a_threada_500_naming_the_correlation_id(http, emulator, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(threada_of(emulator).service.items, "get", broken)

    error = assert_error(http.get("/work-items/wi_123"), 500, "execution", "internal_error")

    assert error["correlation_id"] in error["message"]
    assert "boom" not in error["message"]


def test_an_oversized_body_is_a_validation_error(http, emulator):
    body = {"workflow_id": "support_triage", "payload": {"text": "x" * 200_000}}

    error = assert_error(http.post("/work-items", json=body), 400, "validation", "invalid_request")

    assert error["details"]["field"] == "body"
    assert threada_of(emulator).count() == 0


def test_an_injected_fault_answers_in_threadas_envelope(http, app):
    control = app.test_client()
    create(http)
    rule = {"api": "threada", "path": "/work-items/{work_item_id}", "status": 500, "times": 1}
    assert control.post("/_mock/faults", json=rule).status_code == 201

    faulted = http.get("/work-items/wi_123")
    after = http.get("/work-items/wi_123")

    error = assert_error(faulted, 500, "execution", "internal_error")
    assert error["details"]["field"] == "fault"
    assert after.status_code == 200


def test_a_fault_rule_can_match_the_work_items_status(http, app, tick):
    control = app.test_client()
    rule = {
        "api": "threada",
        "operation": "escalateWorkItem",
        "resource_status": "in_review",
        "status": 500,
        "message": "Decision service down.",
    }
    control.post("/_mock/faults", json=rule)
    item = create(http)["work_item_id"]

    early = http.post(f"/work-items/{item}/escalate", json={"fallback_reason": "x"})
    other = create(http)["work_item_id"]
    tick(2)
    late = http.post(f"/work-items/{other}/escalate", json={"fallback_reason": "x"})

    assert early.status_code == 200  # new, not in_review: the rule does not match
    assert assert_error(late, 500, "execution", "internal_error")["message"] == (
        "Decision service down."
    )


def test_a_fault_rule_for_another_api_leaves_threada_alone(http, app):
    control = app.test_client()
    control.post("/_mock/faults", json={"api": "sema4", "path": "/work-items", "status": 500})

    assert http.get("/work-items").status_code == 200


def test_the_journal_records_threada_requests_with_their_resource_and_reason_code(http, app):
    control = app.test_client()
    create(http)
    http.post("/work-items", json={"workflow_id": "nope", "payload": {}})
    http.post(
        "/actions/execute",
        json={"work_item_id": "wi_123", "action_id": "send_reply", "integration_id": "int_crm"},
    )
    http.get("/actions/executions/ex_456")

    entries = control.get("/_mock/requests?api=threada").json["requests"]

    summary = [(e["operation"], e["status"], e["resource_id"], e["error_code"]) for e in entries]
    assert summary == [
        ("createWorkItem", 201, "wi_123", None),
        ("createWorkItem", 400, None, "unknown_workflow"),
        ("executeAction", 202, "wi_123", None),
        ("getExecution", 200, "ex_456", None),
    ]
    assert entries[1]["reason"].startswith("Unknown workflow 'nope'")
    assert entries[0]["key"] == "thre…"
    by_item = control.get("/_mock/requests?resource_id=wi_123").json["requests"]
    assert [e["operation"] for e in by_item] == ["createWorkItem", "executeAction"]
