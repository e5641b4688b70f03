"""Handlers of the v2 work-item surface: delete, batch delete, rename, summary."""

from __future__ import annotations

from mock_server.apis.sema4.domain.deletion import delete, delete_many
from mock_server.apis.sema4.domain.summary import summarize
from mock_server.apis.sema4.http.context import sema4
from mock_server.apis.sema4.http.presenting import present
from mock_server.http.operations import Call, Handler, Reply


def delete_work_item(call: Call) -> Reply:
    deleted = delete(sema4(call).items, call.principal, call.path["work_item_id"])
    body = {
        "work_item_id": deleted.work_item_id,
        "status": "ok",
        "warnings": list(deleted.warnings),
    }
    return Reply(200, body)


def delete_work_items(call: Call) -> Reply:
    ids = (call.body or {}).get("work_item_ids") or ()
    result = delete_many(sema4(call).items, call.principal, ids)
    return Reply(200, {"deleted": result.deleted, "failures": result.failures})


def rename_work_item(call: Call) -> Reply:
    name = call.body.get("work_item_name")
    item = sema4(call).items.rename(call.principal, call.path["work_item_id"], name)
    return Reply(200, present(call, item, with_messages=True, write=True))


def summarize_work_items(call: Call) -> Reply:
    summaries = summarize(sema4(call).items, call.principal)
    body = [
        {
            "agent_id": s.agent.agent_id,
            "agent_name": s.agent.name,
            "work_items_status_counts": s.counts,
        }
        for s in summaries
    ]
    return Reply(200, body)


V2_HANDLERS: dict[str, Handler] = {
    "deleteWorkItem": delete_work_item,
    "deleteWorkItems": delete_work_items,
    "renameWorkItem": rename_work_item,
    "summarizeWorkItems": summarize_work_items,
}
