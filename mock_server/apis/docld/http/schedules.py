"""Handlers of a workflow's cron schedule."""

from __future__ import annotations

from mock_server.apis.docld.domain.model import Workflow
from mock_server.apis.docld.domain.views import schedule_json
from mock_server.apis.docld.http.context import docld
from mock_server.apis.docld.http.workflows import DELETED
from mock_server.http.operations import Call, Reply


def _workflow(call: Call) -> Workflow:
    return docld().domain.workflows.get(call.principal.tenant_id, call.path["workflow_id"])


def get_schedule(call: Call) -> Reply:
    schedule = docld().domain.schedules.get(_workflow(call))
    return Reply(200, {"schedule": schedule_json(schedule)})


def create_schedule(call: Call) -> Reply:
    schedule = docld().domain.schedules.create(_workflow(call), call.body)
    return Reply(201, {"schedule": schedule_json(schedule)})


def update_schedule(call: Call) -> Reply:
    schedule = docld().domain.schedules.update(_workflow(call), call.body)
    return Reply(200, {"schedule": schedule_json(schedule)})


def delete_schedule(call: Call) -> Reply:
    docld().domain.schedules.delete(_workflow(call))
    return Reply(200, DELETED)
