"""Scoped keys and tenant context over HTTP: 401 without a credential, 403 (authorization)
without the scope or valid tenant context, 404 for another tenant's resources."""

from __future__ import annotations

import pytest

from tests.apis.threada.http_support import SEED_BODY, THREADA, assert_error, create

WINDOW = "from=2025-01-15T00:00:00Z&to=2025-01-16T00:00:00Z"
EVIDENCE = {"fallback_reason": "Checked."}
# (operationId, method, path, body, the scope it needs, a key that lacks it)
OPERATIONS = [
    ("createWorkItem", "POST", "/work-items", SEED_BODY, "workitems:write", "threada-agent-key"),
    ("listWorkItems", "GET", "/work-items", None, "workitems:read", "threada-analyst-key"),
    ("getWorkItem", "GET", "/work-items/wi_123", None, "workitems:read", "threada-analyst-key"),
    (
        "approveWorkItem",
        "POST",
        "/work-items/wi_123/approve",
        EVIDENCE,
        "workflow:manage",
        "threada-intake-key",
    ),
    (
        "rejectWorkItem",
        "POST",
        "/work-items/wi_123/reject",
        EVIDENCE,
        "workflow:manage",
        "threada-reader-key",
    ),
    (
        "escalateWorkItem",
        "POST",
        "/work-items/wi_123/escalate",
        EVIDENCE,
        "workflow:manage",
        "threada-intake-key",
    ),
    (
        "executeAction",
        "POST",
        "/actions/execute",
        {"work_item_id": "wi_123", "action_id": "send_reply", "integration_id": "int_crm"},
        "actions:execute",
        "threada-intake-key",
    ),
    (
        "getExecution",
        "GET",
        "/actions/executions/ex_456",
        None,
        "actions:execute or workitems:read",
        "threada-analyst-key",
    ),
    (
        "exportTelemetry",
        "GET",
        f"/telemetry/export?{WINDOW}",
        None,
        "telemetry:read",
        "threada-intake-key",
    ),
]
IDS = [op[0] for op in OPERATIONS]


def send(client, method, path, body):
    return client.open(path, method=method, json=body)


def test_the_table_covers_every_operation_of_the_contract():
    assert sorted(IDS) == sorted(op.operation_id for op in THREADA.contract.operations)


@pytest.mark.parametrize(
    ("operation", "method", "path", "body", "scope", "lacking"), OPERATIONS, ids=IDS
)
def test_without_a_credential_every_operation_is_401(
    key, operation, method, path, body, scope, lacking
):
    missing = assert_error(
        send(key(None), method, path, body), 401, "authorization", "missing_credentials"
    )
    wrong = assert_error(
        send(key("not-a-key"), method, path, body), 401, "authorization", "invalid_credentials"
    )

    assert missing["details"]["field"] == "Authorization"
    assert wrong["message"] == "Invalid credential."


@pytest.mark.parametrize(
    ("operation", "method", "path", "body", "scope", "lacking"), OPERATIONS, ids=IDS
)
def test_a_key_without_the_scope_is_403_authorization_naming_it(
    http, key, emulator, operation, method, path, body, scope, lacking
):
    create(http)
    before = http.get("/work-items").json

    error = assert_error(
        send(key(lacking), method, path, body), 403, "authorization", "missing_scope"
    )

    assert scope in error["message"]
    assert http.get("/work-items").json == before


@pytest.mark.parametrize(
    ("operation", "method", "path", "body", "scope", "lacking"), OPERATIONS, ids=IDS
)
def test_a_key_bound_to_no_tenant_fails_closed(key, operation, method, path, body, scope, lacking):
    error = assert_error(
        send(key("threada-unbound-key"), method, path, body),
        403,
        "authorization",
        "tenant_context_required",
    )

    assert error["details"]["field"] == "X-Tenant-Id"


def test_a_key_of_several_tenants_must_name_one(key):
    operator = key("threada-operator-key")

    error = assert_error(
        operator.get("/work-items"), 403, "authorization", "tenant_context_required"
    )

    assert "acme, globex" in error["message"]
    assert key("threada-operator-key", "globex").get("/work-items").status_code == 200


def test_an_empty_tenant_header_is_no_context_even_for_a_single_tenant_key(key):
    for blank in ("", "  "):  # the contract gives X-Tenant-Id minLength 1: not "no header"
        error = assert_error(
            key("threada-dev-key", blank).get("/work-items"), 403, "authorization",
            "tenant_context_required",
        )  # fmt: skip

        assert error["details"]["field"] == "X-Tenant-Id"


def test_a_tenant_the_key_is_not_bound_to_is_refused(key):
    for tenant in ("globex", "example", "nobody"):
        assert_error(
            key("threada-dev-key", tenant).get("/work-items"),
            403,
            "authorization",
            "tenant_not_permitted",
        )
    assert key("threada-dev-key", "acme").get("/work-items").status_code == 200


def test_the_operator_acts_in_the_tenant_it_names(key):
    created = create(key("threada-operator-key", "globex"))

    assert created["tenant_id"] == "globex"
    assert created["requester"] == {"type": "human", "id": "platform-operator"}
    assert (
        key("threada-globex-key").get(f"/work-items/{created['work_item_id']}").status_code == 200
    )


def test_another_tenants_item_and_execution_are_not_found(http, key):
    item = create(http)["work_item_id"]
    http.post(
        "/actions/execute",
        json={"work_item_id": item, "action_id": "send_reply", "integration_id": "int_crm"},
    )
    globex = key("threada-globex-key")

    error = assert_error(
        globex.get(f"/work-items/{item}"), 404, "validation", "work_item_not_found"
    )
    assert_error(
        globex.post(f"/work-items/{item}/escalate", json=EVIDENCE),
        404,
        "validation",
        "work_item_not_found",
    )
    assert_error(
        globex.post(
            "/actions/execute",
            json={"work_item_id": item, "action_id": "send_reply", "integration_id": "int_crm"},
        ),
        404,
        "validation",
        "work_item_not_found",
    )
    assert_error(globex.get("/actions/executions/ex_456"), 404, "validation", "execution_not_found")
    assert "'globex'" in error["details"]["issue"]
    assert http.get(f"/work-items/{item}").json["status"] == "executing"


def test_an_ai_key_records_an_ai_actor(key, tick):
    intake = key("threada-intake-key")
    item = create(intake)

    agent = key("threada-agent-key")
    decided = agent.post(f"/work-items/{item['work_item_id']}/escalate", json=EVIDENCE).json

    assert item["requester"] == {"type": "ai", "id": "acme-intake-bot"}
    assert decided["receipts"][-1]["actor"] == {"type": "ai", "id": "acme-review-agent"}
