"""Workflows in the domain: DocLD's validation rules, both trigger spellings, updates, deletes."""

from __future__ import annotations

import pytest

from mock_server.apis.docld.domain.views import workflow_json
from mock_server.core.errors import NotFound, ValidationFailed
from tests.apis.docld.support import ACME, LOCAL, domain, invoice_workflow, slack_integration


def _refused(body, param: str, match: str = "") -> None:
    docld = domain()
    with pytest.raises(ValidationFailed, match=match) as refused:
        docld.workflows.create(LOCAL, body)
    assert refused.value.field == param
    assert docld.workflows.list("org-local") == []


def _steps(*steps):
    return {"steps": list(steps)}


def test_the_documented_workflow_is_created_enabled_and_answered_as_documented():
    docld = domain()

    workflow = docld.workflows.create(LOCAL, invoice_workflow())
    document = workflow_json(workflow)

    assert document["trigger_config"] == {
        "event": "document.uploaded",
        "filters": {"file_type": "pdf"},
    }
    assert document["enabled"] is True
    assert [s["id"] for s in document["definition"]["steps"]] == ["parse", "extract"]
    assert docld.workflows.list("org-local") == [workflow]
    assert docld.workflows.list("org-acme") == []


def test_the_automation_guides_spelling_is_accepted_and_answered_in_the_reference_one():
    config = {"eventType": "extraction.completed", "eventFilters": {"confidence_min": 0.8}}

    workflow = domain().workflows.create(LOCAL, invoice_workflow(trigger_config=config))

    assert workflow_json(workflow)["trigger_config"] == {
        "event": "extraction.completed",
        "filters": {"confidence_min": 0.8},
    }


@pytest.mark.parametrize(
    ("changes", "param", "match"),
    [
        ({"trigger_type": "cron"}, "trigger_type", "must be one of manual, scheduled"),
        ({"trigger_config": {"event": "document.deleted"}}, "trigger_config.event", "one of"),
        ({"trigger_config": {"event": "document.uploaded", "eventType": "chat.message"}},
         "trigger_config.eventType", "contradicts"),
        ({"trigger_config": {"event": "document.uploaded", "filters": {"confidence_min": 2}}},
         "trigger_config.filters.confidence_min", "from 0 to 1"),
        ({"trigger_type": "manual"}, "trigger_config.event", "a manual trigger takes nothing"),
        ({"trigger_type": "scheduled", "trigger_config": {"timezone": "UTC"}},
         "trigger_config.cron_expression", "five-field cron"),
        ({"trigger_type": "scheduled", "trigger_config": {"cron_expression": "0 9 * * 1-5"}},
         "trigger_config.timezone", "IANA"),
        ({"trigger_type": "scheduled",
          "trigger_config": {"cron_expression": "0 9 * *", "timezone": "UTC"}},
         "trigger_config.cron_expression", "needs five"),
        ({"trigger_type": "scheduled",
          "trigger_config": {"cron_expression": "0 9 * * *", "timezone": "Mars/Olympus"}},
         "trigger_config.timezone", "not an IANA time zone"),
        ({"name": ""}, "name", "non-empty"),
        ({"definition": {"steps": []}}, "definition.steps", "at least one step"),
    ],
)  # fmt: skip
def test_each_trigger_and_field_rule_refuses_with_the_param_at_fault(changes, param, match):
    _refused(invoice_workflow(**changes), param, match)


@pytest.mark.parametrize(
    ("steps", "param", "match"),
    [
        ([{"id": "a", "type": "ocr"}], "definition.steps[0].type", "one of parse, extract"),
        ([{"id": "a", "type": "parse"}, {"id": "a", "type": "transform"}],
         "definition.steps[1].id", "used twice"),
        ([{"id": "x", "type": "extract", "config": {}}],
         "definition.steps[0].config.schema_id", "is required"),
        ([{"id": "n", "type": "integration", "config": {"integration_id": "slack-uuid"}}],
         "definition.steps[0].config.integration_id", "no integration 'slack-uuid' exists"),
        ([{"id": "c", "type": "condition", "config": {"field": "total", "operator": "big"}}],
         "definition.steps[0].config.operator", "one of eq"),
        ([{"id": "c", "type": "condition", "config": {"field": "total", "operator": "gt"}}],
         "definition.steps[0].config.value", "compares with a value"),
        ([{"id": "", "type": "parse"}], "definition.steps[0].id", "non-empty"),
    ],
)  # fmt: skip
def test_each_step_rule_refuses_with_the_step_named(steps, param, match):
    _refused(invoice_workflow(definition=_steps(*steps)), param, match)


def test_an_integration_step_must_name_an_integration_of_the_same_organization():
    docld = domain()
    mine = docld.integrations.create(LOCAL, slack_integration())
    theirs = docld.integrations.create(ACME, slack_integration())

    def notify(integration_id: str) -> dict:
        config = {"integration_id": integration_id, "template": "{{invoice_number}}"}
        return {"id": "notify", "type": "integration", "config": config}

    created = docld.workflows.create(LOCAL, invoice_workflow(definition=_steps(notify(mine.id))))
    with pytest.raises(ValidationFailed, match="no integration"):
        docld.workflows.create(LOCAL, invoice_workflow(definition=_steps(notify(theirs.id))))

    assert created.steps[0].config["integration_id"] == mine.id


def test_an_update_changes_only_what_it_sends_and_a_refused_one_changes_nothing():
    docld = domain()
    workflow = docld.workflows.create(LOCAL, invoice_workflow())

    disabled = docld.workflows.update("org-local", workflow.id, {"enabled": False})
    with pytest.raises(ValidationFailed):
        docld.workflows.update("org-local", workflow.id, {"name": "x", "trigger_type": "nope"})

    assert (disabled.enabled, disabled.name, disabled.trigger) == (
        False,
        workflow.name,
        workflow.trigger,
    )
    assert docld.workflows.get("org-local", workflow.id) == disabled


def test_a_new_trigger_type_starts_from_an_empty_config():
    docld = domain()
    workflow = docld.workflows.create(LOCAL, invoice_workflow())

    manual = docld.workflows.update("org-local", workflow.id, {"trigger_type": "manual"})

    assert workflow_json(manual)["trigger_config"] == {}


def test_workflows_of_another_organization_are_not_found_and_a_delete_is_final():
    docld = domain()
    workflow = docld.workflows.create(LOCAL, invoice_workflow())

    with pytest.raises(NotFound):
        docld.workflows.get("org-acme", workflow.id)
    with pytest.raises(NotFound):
        docld.workflows.delete("org-acme", workflow.id)
    docld.workflows.delete("org-local", workflow.id)

    with pytest.raises(NotFound, match=f"Workflow {workflow.id} not found"):
        docld.workflows.get("org-local", workflow.id)
