"""Handlers that start executions (by hand, by inbound webhook) and list them."""

from __future__ import annotations

from typing import Any

from mock_server.apis.docld.domain.model import Execution
from mock_server.apis.docld.domain.views import execution_json
from mock_server.apis.docld.http.context import docld
from mock_server.core.clock import isoformat_z
from mock_server.http.operations import Call, Reply
from mock_server.http.prefer import preference


def started(execution: Execution, applied: dict[str, str]) -> Reply:
    body = {
        "execution_id": execution.id,
        "status": execution.status,
        "started_at": isoformat_z(execution.started_at),
    }
    return Reply(200, body, applied)


def preferred_scenario(call: Call) -> tuple[str | None, dict[str, str]]:
    """`Prefer: scenario=<name>` (an execution scenario), and the header saying it applied.

    DEVIATION: an emulator control DocLD does not have; a real DocLD ignores the header."""
    name = preference(call.headers, "scenario")
    if name is None:
        return None, {}
    docld().check_scenario("execution", name)
    return name, {"Preference-Applied": f"scenario={name}"}


def execute_workflow(call: Call) -> Reply:
    api = docld()
    scenario, applied = preferred_scenario(call)
    workflow = api.domain.workflows.get(call.principal.tenant_id, call.path["workflow_id"])
    body: dict[str, Any] = call.body or {}
    execution = api.domain.executions.start(
        workflow, "manual", body.get("trigger_data") or {}, scenario
    )
    return started(execution, applied)


def trigger_workflow_webhook(call: Call) -> Reply:
    api = docld()
    scenario, applied = preferred_scenario(call)
    workflow = api.domain.workflows.get(call.principal.tenant_id, call.path["workflow_id"])
    execution = api.domain.executions.start_from_webhook(workflow, call.body or {}, scenario)
    return started(execution, applied)


def list_executions(call: Call) -> Reply:
    api = docld()
    workflow = api.domain.workflows.get(call.principal.tenant_id, call.path["workflow_id"])
    found = api.domain.executions.list(
        workflow, call.query["limit"], call.query.get("execution_id")
    )
    return Reply(200, {"executions": [execution_json(e) for e in found]})
