"""Handlers of the Work Item API operations, one per operationId in openapi.yaml."""

from __future__ import annotations

from typing import Any

from mock_server.apis.sema4.domain.rules import parse_callbacks
from mock_server.apis.sema4.domain.service import CreateRequest, ListQuery
from mock_server.apis.sema4.http.agents import AGENT_HANDLERS
from mock_server.apis.sema4.http.context import sema4
from mock_server.apis.sema4.http.files import confirm_file, upload_file
from mock_server.apis.sema4.http.presenting import preferred_scenario, present
from mock_server.apis.sema4.http.v2 import V2_HANDLERS
from mock_server.http.operations import Call, Handler, Reply


def create_work_item(call: Call) -> Reply:
    body = call.body
    scenario, applied = preferred_scenario(call)
    request = CreateRequest(
        agent_id=body["agent_id"],
        payload=body.get("payload") or {},
        messages=tuple(body.get("messages") or ()),
        callbacks=parse_callbacks(body.get("callbacks"), sema4(call).profile),
        work_item_name=body.get("work_item_name"),
        scenario=scenario,
    )
    items = sema4(call).items
    fresh = body.get("work_item_id") is None
    if fresh:
        item = items.create(call.principal, request)
    else:
        item = items.finalize(call.principal, body["work_item_id"], request)
    return Reply(200, present(call, item, with_messages=True, write=True, fresh=fresh), applied)


def get_work_item(call: Call) -> Reply:
    item = sema4(call).items.get(call.principal.tenant_id, call.path["work_item_id"])
    return Reply(200, present(call, item, with_messages=bool(call.query["results"])))


def list_work_items(call: Call) -> Reply:
    query = call.query
    statuses = query.get("work_item_status")
    records, next_offset = sema4(call).items.list(
        call.principal.tenant_id,
        ListQuery(
            offset=query["offset"],
            limit=query["limit"],
            agent_id=query.get("agent_id"),
            created_by=query.get("created_by"),
            statuses=tuple(statuses) if statuses else None,
            name_search=query.get("name_search"),
        ),
    )
    body = {
        "records": [present(call, r, with_messages=False) for r in records],
        "next_offset": next_offset,
    }
    return Reply(200, body)


def _action_returning_item(action: str) -> Handler:
    def handler(call: Call) -> Reply:
        scenario, applied = preferred_scenario(call)
        item = sema4(call).items.act(
            call.principal, call.path["work_item_id"], action, scenario=scenario
        )
        return Reply(200, present(call, item, with_messages=True, write=True), applied)

    return handler


def complete_work_item(call: Call) -> Reply:
    sema4(call).items.act(call.principal, call.path["work_item_id"], "complete")
    return Reply(200, {"status": "ok"})


def cancel_work_item(call: Call) -> Reply:
    api = sema4(call)
    acted = api.items.perform(call.principal, call.path["work_item_id"], "cancel")
    body: dict[str, Any] = {"status": "ok"}
    if api.profile.cancel_says_cancelled:
        # FIDELITY: true only when a running agent was stopped (test_cancel_item.py, §3.8).
        body["cancelled"] = acted.previous == api.profile.running_status
    return Reply(200, body)


HANDLERS: dict[str, Handler] = {
    **V2_HANDLERS,
    **AGENT_HANDLERS,
    "createWorkItem": create_work_item,
    "getWorkItem": get_work_item,
    "listWorkItems": list_work_items,
    "uploadFile": upload_file,
    "confirmFile": confirm_file,
    "continueWorkItem": _action_returning_item("continue"),
    "restartWorkItem": _action_returning_item("restart"),
    "cancelWorkItem": cancel_work_item,
    "completeWorkItem": complete_work_item,
}
