"""Handlers of the work-item operations: create, read, list, and the decision-step controls."""

from __future__ import annotations

from mock_server.apis.threada.domain.paging import ListQuery
from mock_server.apis.threada.domain.records import work_item_json
from mock_server.apis.threada.domain.windows import Window
from mock_server.apis.threada.domain.work_items import CreateRequest
from mock_server.apis.threada.http.context import caller, threada
from mock_server.apis.threada.http.evidence import evidence_of
from mock_server.http.operations import Call, Handler, Reply
from mock_server.http.prefer import preference


def create_work_item(call: Call) -> Reply:
    scenario = preference(call.headers, "scenario")
    body = call.body
    request = CreateRequest(
        workflow_id=body["workflow_id"],
        payload=body["payload"],
        channel_id=body.get("channel_id"),
        scenario=scenario,
    )
    item = threada().service.items.create(caller(call), request)
    applied = {"Preference-Applied": f"scenario={item.scenario}"} if scenario else {}
    # INFERRED: 201 for a create; the reference shows only the body.
    return Reply(201, work_item_json(item), applied)


def get_work_item(call: Call) -> Reply:
    item = threada().service.items.get(caller(call), call.path["work_item_id"])
    return Reply(200, work_item_json(item))


def list_work_items(call: Call) -> Reply:
    query = call.query
    page, token = threada().service.items.list(
        caller(call),
        ListQuery(
            channel_id=query.get("channel_id"),
            workflow_id=query.get("workflow_id"),
            status=query.get("status"),
            policy_version=query.get("policy_version"),
            window=Window.parse(query.get("from"), query.get("to")),
            limit=query["limit"],
            page_token=query.get("page_token"),
        ),
    )
    body: dict[str, object] = {"items": [work_item_json(item) for item in page]}
    if token is not None:  # FIDELITY: absent on the last page
        body["next_page_token"] = token
    return Reply(200, body)


def _decision(decision: str) -> Handler:
    def handler(call: Call) -> Reply:
        item = threada().service.items.decide(
            caller(call), call.path["work_item_id"], decision, evidence_of(call.body)
        )
        return Reply(200, work_item_json(item))

    handler.__name__ = f"{decision}_work_item"
    return handler


approve_work_item = _decision("approve")
reject_work_item = _decision("reject")
escalate_work_item = _decision("escalate")
