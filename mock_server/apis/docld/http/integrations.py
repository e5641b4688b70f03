"""Handlers of integrations (`?id=` names one) and of templates."""

from __future__ import annotations

from mock_server.apis.docld.domain.views import integration_json, template_json
from mock_server.apis.docld.http.context import docld
from mock_server.apis.docld.http.workflows import DELETED, present
from mock_server.http.operations import Call, Reply


def list_integrations(call: Call) -> Reply:
    found = docld().domain.integrations.list(
        call.principal.tenant_id, call.query.get("workflow_id")
    )
    return Reply(200, {"integrations": [integration_json(i) for i in found]})


def create_integration(call: Call) -> Reply:
    integration = docld().domain.integrations.create(call.principal, call.body)
    return Reply(201, {"integration": integration_json(integration)})


def update_integration(call: Call) -> Reply:
    integration = docld().domain.integrations.update(
        call.principal.tenant_id, call.query["id"], call.body
    )
    return Reply(200, {"integration": integration_json(integration)})


def delete_integration(call: Call) -> Reply:
    docld().domain.integrations.delete(call.principal.tenant_id, call.query["id"])
    return Reply(200, DELETED)


def list_templates(call: Call) -> Reply:
    found = docld().domain.templates.list(call.query.get("category"))
    return Reply(200, {"templates": [template_json(t) for t in found]})


def create_workflow_from_template(call: Call) -> Reply:
    workflow = docld().domain.templates.instantiate(call.principal, call.body)
    return Reply(201, {"workflow": present(workflow)})
