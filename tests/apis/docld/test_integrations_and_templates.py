"""Integrations (slack, email, webhook) and templates in the domain."""

from __future__ import annotations

import pytest

from mock_server.apis.docld.domain.views import workflow_json
from mock_server.core.errors import NotFound, ValidationFailed
from tests.apis.docld.support import ACME, LOCAL, domain, invoice_workflow, slack_integration


@pytest.mark.parametrize(
    ("kind", "config", "param"),
    [
        ("slack", {"channel": "#x"}, "config.webhook_url"),
        ("slack", {"webhook_url": "ftp://hooks"}, "config.webhook_url"),
        ("slack", {"webhook_url": "https://h", "chanel": "#x"}, "config.chanel"),
        ("email", {"to": "not-an-address"}, "config.to"),
        ("webhook", {"url": "https://h.example", "method": "GET"}, "config.method"),
        ("webhook", {"url": "https://h.example", "headers": {"X": 1}}, "config.headers"),
        ("teams", {}, "integration_type"),
    ],
)
def test_each_type_takes_its_documented_config_fields(kind, config, param):
    docld = domain()

    with pytest.raises(ValidationFailed) as refused:
        docld.integrations.create(LOCAL, {"name": "n", "integration_type": kind, "config": config})

    assert refused.value.field == param
    assert docld.integrations.list("org-local") == []


def test_integrations_filter_by_workflow_update_in_part_and_delete():
    docld = domain()
    workflow = docld.workflows.create(LOCAL, invoice_workflow())
    loose = docld.integrations.create(LOCAL, slack_integration())
    bound = docld.integrations.create(LOCAL, slack_integration(workflow_id=workflow.id))
    docld.integrations.create(ACME, slack_integration())

    renamed = docld.integrations.update("org-local", loose.id, {"name": "Renamed"})
    with pytest.raises(ValidationFailed, match="needs that type's config"):
        docld.integrations.update("org-local", loose.id, {"integration_type": "email"})
    docld.integrations.delete("org-local", bound.id)

    assert (renamed.name, renamed.config) == ("Renamed", loose.config)
    assert [i.id for i in docld.integrations.list("org-local")] == [loose.id]
    assert docld.integrations.list("org-local", workflow.id) == []
    with pytest.raises(NotFound):
        docld.integrations.get("org-acme", loose.id)
    with pytest.raises(ValidationFailed, match="no workflow"):
        docld.integrations.create(LOCAL, slack_integration(workflow_id="missing"))


def test_templates_filter_by_category_and_make_enabled_workflows():
    docld = domain()
    (invoice,) = docld.templates.list("invoice")

    workflow = docld.templates.instantiate(
        LOCAL, {"template_id": invoice.id, "name": "My Invoice Workflow"}
    )

    assert len(docld.templates.list()) == 4
    document = workflow_json(workflow)
    assert (document["name"], document["enabled"]) == ("My Invoice Workflow", True)
    assert document["description"] == invoice.description
    assert document["trigger_config"] == {
        "event": "document.uploaded",
        "filters": {"file_type": "pdf"},
    }
    with pytest.raises(ValidationFailed, match="category"):
        docld.templates.list("poems")
    with pytest.raises(NotFound, match="Template nope not found"):
        docld.templates.instantiate(LOCAL, {"template_id": "nope"})
