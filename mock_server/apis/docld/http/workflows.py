"""Handlers of the workflow operations (and the health check)."""

from __future__ import annotations

from typing import Any

from mock_server.apis.docld.domain.model import Workflow
from mock_server.apis.docld.domain.views import workflow_json
from mock_server.apis.docld.http.context import docld
from mock_server.core.clock import isoformat_z
from mock_server.http.operations import Call, Reply

DELETED = {"success": True}


def present(workflow: Workflow) -> dict[str, Any]:
    return workflow_json(workflow, docld().trigger_url(workflow.id))


def get_health(call: Call) -> Reply:
    return Reply(200, {"status": "ok", "timestamp": isoformat_z(docld().clock.now())})


def list_workflows(call: Call) -> Reply:
    found = docld().domain.workflows.list(call.principal.tenant_id)
    return Reply(200, {"workflows": [present(w) for w in found]})


def create_workflow(call: Call) -> Reply:
    workflow = docld().domain.workflows.create(call.principal, call.body)
    return Reply(201, {"workflow": present(workflow)})


def get_workflow(call: Call) -> Reply:
    workflow = docld().domain.workflows.get(call.principal.tenant_id, call.path["workflow_id"])
    return Reply(200, {"workflow": present(workflow)})


def update_workflow(call: Call) -> Reply:
    workflow = docld().domain.workflows.update(
        call.principal.tenant_id, call.path["workflow_id"], call.body
    )
    return Reply(200, {"workflow": present(workflow)})


def delete_workflow(call: Call) -> Reply:
    docld().domain.workflows.delete(call.principal.tenant_id, call.path["workflow_id"])
    return Reply(200, DELETED)
