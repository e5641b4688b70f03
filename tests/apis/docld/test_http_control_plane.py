"""DocLD in the shared control plane: /_mock/apis, scenarios, journal, faults and inspector."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.apis.docld.conftest import API, KEY, manual_workflow, ok


def unchecked(app) -> FlaskClient:
    """A client whose answers are not checked against the contract (a fault's are not in it)."""
    client = FlaskClient(app, app.response_class)
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {KEY}"
    return client


def execute(client, workflow, **headers):
    path = f"{API}/workflows/{workflow['id']}/execute"
    return ok(client.post(path, json={"trigger_data": {"n": 1}}, headers=headers))


def test_the_api_is_listed_with_its_base_urls_a_key_and_its_inboxes(client):
    apis = {a["name"]: a for a in ok(client.get("/_mock/apis"))["apis"]}

    docld = apis["docld"]
    assert docld["base_urls"] == ["http://127.0.0.1:8080/api", "http://127.0.0.1:8080/api/v1"]
    assert docld["api_key"] == KEY
    assert docld["inboxes"] == {"slack": "docld-slack", "email": "docld-email"}
    assert {"sema4", "docld"} <= set(apis)
    assert client.get("/_mock/apis/docld/openapi.yaml").data.startswith(b"openapi: 3.1.0")


def test_a_scenario_put_through_the_control_plane_is_played_when_asked_for(client, advance):
    slow = {"description": "Every step takes a minute.", "default": {"duration_ms": 60_000}}
    saved = ok(client.put("/_mock/apis/docld/scenarios/slow", json=slow))
    assert (saved["kind"], saved["default"]["duration_ms"]) == ("execution", 60_000)
    names = [
        (s["kind"], s["name"]) for s in ok(client.get("/_mock/apis/docld/scenarios"))["scenarios"]
    ]
    assert ("execution", "slow") in names
    assert ("document", "processed") in names
    workflow = manual_workflow(client)

    response = client.post(
        f"{API}/workflows/{workflow['id']}/execute", json={}, headers={"Prefer": "scenario=slow"}
    )
    advance(59)

    assert response.headers["Preference-Applied"] == "scenario=slow"
    [execution] = ok(client.get(f"{API}/workflows/{workflow['id']}/executions"))["executions"]
    assert execution["status"] == "running"
    advance(1)
    [execution] = ok(client.get(f"{API}/workflows/{workflow['id']}/executions"))["executions"]
    assert execution["status"] == "completed"


def test_a_scenario_that_is_not_one_is_refused_naming_the_field(client):
    bad_kind = client.put("/_mock/apis/docld/scenarios/x", json={"kind": "weather"})
    bad_step = client.put(
        "/_mock/apis/docld/scenarios/x", json={"default": {"outcome": "exploded"}}
    )
    bad_link = client.put(
        "/_mock/apis/docld/scenarios/x", json={"kind": "document", "workflow_scenario": "nope"}
    )

    assert bad_kind.status_code == 400
    assert "kind" in bad_kind.get_json()["error"]["message"]
    assert bad_step.status_code == 422
    assert bad_step.get_json()["error"]["details"]["field"] == "body.default.outcome"
    assert bad_link.status_code == 400
    assert "unknown execution scenario 'nope'" in bad_link.get_json()["error"]["message"]


def test_an_unknown_prefer_scenario_is_refused_before_anything_starts(client):
    workflow = manual_workflow(client)

    response = client.post(
        f"{API}/workflows/{workflow['id']}/execute", json={}, headers={"Prefer": "scenario=nope"}
    )

    error = response.get_json()["error"]
    assert (response.status_code, error["param"]) == (400, "Prefer")
    assert "known: complete, fail_extract" in error["message"]
    assert ok(client.get(f"{API}/workflows/{workflow['id']}/executions"))["executions"] == []


def test_a_running_execution_switches_scenario_from_its_running_step_on(client, advance):
    workflow = manual_workflow(
        client,
        {"id": "parse", "type": "parse", "config": {}},
        {"id": "extract", "type": "extract", "config": {"schema_id": "invoice-schema"}},
    )
    started = execute(client, workflow)

    switched = client.put(
        f"/_mock/apis/docld/resources/{started['execution_id']}/scenario",
        json={"scenario": "fail_extract"},
    )
    advance(8)

    assert ok(switched)["id"] == started["execution_id"]
    [execution] = ok(client.get(f"{API}/workflows/{workflow['id']}/executions"))["executions"]
    assert execution["status"] == "failed"
    assert [(e["step_id"], e["status"]) for e in execution["execution_log"]] == [
        ("parse", "completed"),
        ("extract", "failed"),
    ]
    ended = client.put(
        f"/_mock/apis/docld/resources/{started['execution_id']}/scenario",
        json={"scenario": "complete"},
    )
    assert ended.status_code == 409
    assert "only a running one" in ended.get_json()["error"]["message"]


def test_the_journal_names_the_api_the_operation_and_the_execution(client):
    workflow = manual_workflow(client)
    started = execute(client, workflow)
    client.get(
        f"{API}/workflows/{workflow['id']}/executions?execution_id={started['execution_id']}"
    )
    client.get(f"{API}/workflows/missing")

    entries = ok(client.get("/_mock/requests?api=docld"))["requests"]

    found = [(e["operation"], e["status"], e["resource_id"]) for e in entries]
    assert ("executeWorkflow", 200, started["execution_id"]) in found
    assert ("listExecutions", 200, started["execution_id"]) in found
    assert ("createWorkflow", 201, workflow["id"]) in found
    assert ("getWorkflow", 404, "missing") in found
    missing = next(e for e in entries if e["resource_id"] == "missing")
    assert missing["error_code"] == "resource_not_found"
    assert missing["key"] == "docl…"


def test_a_fault_rule_for_docld_answers_in_docld_envelope_and_spares_sema4(app, client):
    rule = {"api": "docld", "path": "/workflows", "status": 429, "retry_after": 7, "times": 1}
    ok(client.post("/_mock/faults", json=rule), 201)
    sema4 = app.test_client()
    sema4.environ_base["HTTP_AUTHORIZATION"] = "Bearer local-dev-key"
    plain = unchecked(app)  # a fault's answer is not in the contract

    assert sema4.get("/api/v1/work-items").status_code == 200
    faulted = plain.get("/api/v1/workflows")
    after = plain.get(f"{API}/workflows")

    assert faulted.status_code == 429
    assert faulted.get_json()["error"]["type"] == "rate_limit_error"
    assert faulted.headers["Retry-After"] == "7"
    assert faulted.headers["x-request-id"]
    assert after.status_code == 200


def test_a_fault_rule_can_match_an_executions_status(client, app, advance):
    workflow = manual_workflow(client)
    started = execute(client, workflow)
    rule = {"api": "docld", "resource_status": "completed", "status": 500, "times": 1}
    ok(client.post("/_mock/faults", json=rule), 201)
    plain = unchecked(app)
    query = f"{API}/workflows/{workflow['id']}/executions?execution_id={started['execution_id']}"

    assert plain.get(query).status_code == 200  # still running
    advance(5)
    assert plain.get(query).status_code == 500


def test_the_inspector_shows_executions_with_their_steps_requests_and_webhooks(client, advance):
    ok(client.put("/_mock/inbox/app", json={}))
    hook = {"url": "http://127.0.0.1:8080/_mock/inbox/app", "events": ["workflow.completed"]}
    ok(client.post(f"{API}/webhooks", json=hook), 201)
    workflow = manual_workflow(client)
    started = execute(client, workflow)
    advance(5)

    overview = client.get("/_mock/inspector").get_data(as_text=True)
    page = client.get(
        f"/_mock/work-items/{started['execution_id']}", headers={"Accept": "text/html"}
    ).get_data(as_text=True)
    document = ok(client.get(f"/_mock/work-items/{started['execution_id']}"))

    assert started["execution_id"] in overview
    assert "manual trigger" in page
    assert "step parse completed" in page
    assert "workflow.completed to http://127.0.0.1:8080/_mock/inbox/app" in page
    assert (document["api"], document["status"]) == ("docld", "completed")
