"""Workflows, integrations, templates and schedules over HTTP, refusals naming the field."""

from __future__ import annotations

import pytest

from tests.apis.docld.conftest import (
    ACME_KEY,
    API,
    create_workflow,
    invoice_workflow,
    manual_workflow,
    ok,
)


def refused(response, status=400):
    assert response.status_code == status, response.get_json()
    return response.get_json()["error"]


def test_a_workflow_is_created_read_listed_updated_and_deleted(client):
    created = create_workflow(client)
    path = f"{API}/workflows/{created['id']}"

    assert ok(client.get(path))["workflow"] == created
    assert [w["id"] for w in ok(client.get(f"{API}/workflows"))["workflows"]] == [created["id"]]
    updated = ok(client.put(path, json={"name": "Invoices v2", "enabled": False}))["workflow"]
    assert (updated["name"], updated["enabled"]) == ("Invoices v2", False)
    assert updated["definition"] == created["definition"]  # fields left out are kept
    assert ok(client.delete(path)) == {"success": True}
    assert refused(client.get(path), 404)["type"] == "not_found_error"


def test_the_guide_spelling_of_trigger_config_is_read_and_the_reference_one_answered(client):
    spelled = {"eventType": "document.uploaded", "eventFilters": {"file_type": "pdf"}}

    created = create_workflow(client, trigger_config=spelled)

    assert created["trigger_config"] == {
        "event": "document.uploaded",
        "filters": {"file_type": "pdf"},
    }


@pytest.mark.parametrize(
    ("change", "param"),
    [
        ({"trigger_type": "hourly"}, "trigger_type"),
        ({"trigger_config": {"event": "document.shredded"}}, "trigger_config.event"),
        (
            {
                "trigger_type": "scheduled",
                "trigger_config": {"cron_expression": "0 9 * *", "timezone": "UTC"},
            },
            "trigger_config.cron_expression",
        ),
        (
            {
                "trigger_type": "scheduled",
                "trigger_config": {"cron_expression": "0 9 * * 1-5", "timezone": "Mars/Olympus"},
            },
            "trigger_config.timezone",
        ),
        ({"definition": {"steps": [{"id": "a", "type": "summarise"}]}}, "definition.steps[0].type"),
        (
            {"definition": {"steps": [{"id": "a", "type": "parse"}, {"id": "a", "type": "parse"}]}},
            "definition.steps[1].id",
        ),
        (
            {"definition": {"steps": [{"id": "x", "type": "extract", "config": {}}]}},
            "definition.steps[0].config.schema_id",
        ),
        (
            {
                "definition": {
                    "steps": [
                        {"id": "n", "type": "integration", "config": {"integration_id": "gone"}}
                    ]
                }
            },
            "definition.steps[0].config.integration_id",
        ),
    ],
)
def test_a_broken_rule_is_a_400_naming_the_field_and_nothing_is_stored(client, change, param):
    error = refused(client.post(f"{API}/workflows", json=invoice_workflow(**change)))

    assert (error["type"], error["param"]) == ("invalid_request_error", param)
    assert error["code"] == "parameter_invalid" or error["code"] == "parameter_missing"
    assert ok(client.get(f"{API}/workflows"))["workflows"] == []


def test_a_missing_required_field_is_parameter_missing_named_as_the_client_wrote_it(client):
    body = invoice_workflow()
    del body["trigger_type"]

    error = refused(client.post(f"{API}/workflows", json=body))

    assert (error["code"], error["param"]) == ("parameter_missing", "trigger_type")


def test_a_webhook_workflow_answers_the_url_it_listens_on_and_runs_from_it(client):
    created = create_workflow(client, trigger_type="webhook", trigger_config={})
    url = created["trigger_config"]["webhook_url"]
    assert url.endswith(f"/api/workflows/{created['id']}/trigger")

    started = ok(client.post(url.removeprefix("http://127.0.0.1:8080"), json={"order": 42}))

    [execution] = ok(client.get(f"{API}/workflows/{created['id']}/executions"))["executions"]
    assert (execution["id"], execution["triggered_by"]) == (started["execution_id"], "webhook")
    assert execution["trigger_data"] == {"order": 42}


def test_only_a_webhook_workflow_takes_an_inbound_webhook(client):
    created = manual_workflow(client)

    error = refused(client.post(f"{API}/workflows/{created['id']}/trigger", json={}))

    assert (error["code"], error["param"]) == ("invalid_state", "trigger_type")


def test_a_disabled_workflow_is_refused_execution(client):
    created = manual_workflow(client)
    client.put(f"{API}/workflows/{created['id']}", json={"enabled": False})

    error = refused(client.post(f"{API}/workflows/{created['id']}/execute", json={}))

    assert (error["code"], error["param"]) == ("invalid_state", "enabled")
    assert ok(client.get(f"{API}/workflows/{created['id']}/executions"))["executions"] == []


def test_another_organizations_workflow_is_not_found(client, app):
    created = create_workflow(client)
    acme = app.test_client()
    acme.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {ACME_KEY}"

    error = refused(acme.get(f"{API}/workflows/{created['id']}"), 404)

    assert (error["code"], error["param"]) == ("resource_not_found", "workflow_id")
    assert ok(acme.get(f"{API}/workflows"))["workflows"] == []


def test_integrations_are_named_by_query_id_and_filtered_by_workflow(client):
    workflow = manual_workflow(client)
    body = {
        "name": "Team mail",
        "integration_type": "email",
        "workflow_id": workflow["id"],
        "config": {"to": ["ops@example.com"], "subject": "Invoice {{invoice_number}}"},
    }
    created = ok(client.post(f"{API}/workflows/integrations", json=body), 201)["integration"]
    other = {"name": "Hook", "integration_type": "webhook", "config": {"url": "https://h.example"}}
    ok(client.post(f"{API}/workflows/integrations", json=other), 201)

    found = ok(client.get(f"{API}/workflows/integrations?workflow_id={workflow['id']}"))
    assert [i["id"] for i in found["integrations"]] == [created["id"]]
    renamed = ok(
        client.put(f"{API}/workflows/integrations?id={created['id']}", json={"name": "Ops mail"})
    )
    assert renamed["integration"]["name"] == "Ops mail"
    assert ok(client.delete(f"{API}/workflows/integrations?id={created['id']}")) == {
        "success": True
    }
    assert refused(client.delete(f"{API}/workflows/integrations?id={created['id']}"), 404)


def test_an_integration_update_without_its_id_names_the_query_parameter(client):
    error = refused(client.put(f"{API}/workflows/integrations", json={"name": "x"}))

    assert (error["code"], error["param"]) == ("parameter_missing", "id")


def test_a_bad_integration_config_names_the_config_field(client):
    body = {"name": "Slack", "integration_type": "slack", "config": {"channel": "#x"}}

    error = refused(client.post(f"{API}/workflows/integrations", json=body))

    assert error["param"] == "config.webhook_url"


def test_templates_are_listed_by_category_and_instantiated_as_enabled_workflows(client):
    invoices = ok(client.get(f"{API}/workflows/templates?category=invoice"))["templates"]
    assert [t["name"] for t in invoices] == ["Invoice Processing"]
    every = ok(client.get(f"{API}/workflows/templates"))["templates"]
    assert {t["category"] for t in every} == {"invoice", "contract", "resume", "general"}

    body = {"template_id": invoices[0]["id"], "name": "Our invoices"}
    workflow = ok(client.post(f"{API}/workflows/templates", json=body), 201)["workflow"]

    assert (workflow["name"], workflow["enabled"]) == ("Our invoices", True)
    assert workflow["definition"] == invoices[0]["definition"]
    assert refused(client.get(f"{API}/workflows/templates?category=memo"))["param"] == "category"
    gone = refused(client.post(f"{API}/workflows/templates", json={"template_id": "no"}), 404)
    assert gone["param"] == "template_id"


def test_a_schedule_is_created_once_changed_read_and_deleted(client):
    workflow = manual_workflow(client)
    path = f"{API}/workflows/{workflow['id']}/schedule"
    assert refused(client.get(path), 404)["code"] == "resource_not_found"

    body = {"cron_expression": "0 9 * * 1-5", "timezone": "America/New_York"}
    created = ok(client.post(path, json=body), 201)["schedule"]
    assert created["next_run_at"] == "2025-01-15T14:00:00.000000Z"  # 9:00 in New York
    assert refused(client.post(path, json=body))["code"] == "resource_exists"
    changed = ok(client.put(path, json={"enabled": False}))["schedule"]
    assert (changed["enabled"], changed["next_run_at"]) == (False, None)
    assert ok(client.get(path))["schedule"] == changed
    assert ok(client.delete(path)) == {"success": True}
    assert refused(client.get(path), 404)


def test_a_schedule_refuses_an_unknown_zone_and_a_cron_that_never_fires(client):
    path = f"{API}/workflows/{manual_workflow(client)['id']}/schedule"

    zone = refused(client.post(path, json={"cron_expression": "0 9 * * *", "timezone": "UTC+2"}))
    never = refused(client.post(path, json={"cron_expression": "0 9 31 2 *", "timezone": "UTC"}))

    assert (zone["param"], never["param"]) == ("timezone", "cron_expression")


def test_an_undocumented_field_of_a_closed_schema_is_refused_by_the_contract(client):
    path = f"{API}/workflows/{manual_workflow(client)['id']}/schedule"

    error = refused(
        client.post(path, json={"cron_expression": "0 9 * * *", "timezone": "UTC", "tz": "x"})
    )

    assert error["param"] == "tz"
