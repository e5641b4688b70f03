"""Handlers of the Work Item API operations, one per operationId in openapi.yaml."""

from __future__ import annotations

from typing import Any

from mock_server.apis.sema4.domain.model import WorkItem
from mock_server.apis.sema4.domain.rules import parse_callbacks
from mock_server.apis.sema4.domain.service import CreateRequest, ListQuery
from mock_server.apis.sema4.http.context import sema4
from mock_server.apis.sema4.http.files import confirm_file, upload_file
from mock_server.apis.sema4.http.representation import work_item_json
from mock_server.http.operations import Call, Handler, Reply
from mock_server.http.prefer import preference


def present(call: Call, item: WorkItem, *, with_messages: bool) -> dict[str, Any]:
    return work_item_json(item, with_messages=with_messages, url=sema4(call).url_of(item))


def preferred_scenario(call: Call) -> tuple[str | None, dict[str, str]]:
    """The scenario asked for with `Prefer: scenario=<name>` (checked), and the reply header."""
    name = preference(call.headers, "scenario")
    if name is None:
        return None, {}
    sema4(call).simulator.known(name)
    return name, {"Preference-Applied": f"scenario={name}"}


def create_work_item(call: Call) -> Reply:
    body = call.body
    scenario, applied = preferred_scenario(call)
    request = CreateRequest(
        agent_id=body["agent_id"],
        payload=body.get("payload") or {},
        messages=tuple(body.get("messages") or ()),
        callbacks=parse_callbacks(body.get("callbacks")),
        work_item_name=body.get("work_item_name"),
        scenario=scenario,
    )
    items = sema4(call).items
    if body.get("work_item_id") is not None:
        item = items.finalize(call.principal, body["work_item_id"], request)
    else:
        item = items.create(call.principal, request)
    return Reply(200, present(call, item, with_messages=True), applied)


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
        return Reply(200, present(call, item, with_messages=True), applied)

    return handler


def _action_returning_ok(action: str) -> Handler:
    def handler(call: Call) -> Reply:
        sema4(call).items.act(call.principal, call.path["work_item_id"], action)
        return Reply(200, {"status": "ok"})

    return handler


HANDLERS: dict[str, Handler] = {
    "createWorkItem": create_work_item,
    "getWorkItem": get_work_item,
    "listWorkItems": list_work_items,
    "uploadFile": upload_file,
    "confirmFile": confirm_file,
    "continueWorkItem": _action_returning_item("continue"),
    "restartWorkItem": _action_returning_item("restart"),
    "cancelWorkItem": _action_returning_ok("cancel"),
    "completeWorkItem": _action_returning_ok("complete"),
}
