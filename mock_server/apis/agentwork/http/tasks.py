"""Handlers that create and read tasks: create, get, list, result, events."""

from __future__ import annotations

from mock_server.apis.agentwork.http.context import agentwork
from mock_server.apis.agentwork.http.representation import (
    event_json,
    result_json,
    summary_json,
    task_json,
)
from mock_server.http.operations import Call, Reply
from mock_server.http.prefer import preference


def preferred_scenario(call: Call) -> tuple[str | None, dict[str, str]]:
    """The scenario asked for with `Prefer: scenario=<name>` (checked), and the reply header."""
    name = preference(call.headers, "scenario")
    if name is None:
        return None, {}
    agentwork(call).agent.known(name)
    return name, {"Preference-Applied": f"scenario={name}"}


def create_task(call: Call) -> Reply:
    scenario, applied = preferred_scenario(call)
    body = call.body
    task = agentwork(call).tasks.create(
        call.principal, body["title"], body["description"], scenario
    )
    return Reply(201, {"task_id": task.task_id, "status": task.status}, applied)


def get_task(call: Call) -> Reply:
    return Reply(200, task_json(agentwork(call).tasks.get(call.principal, call.path["task_id"])))


def list_tasks(call: Call) -> Reply:
    tasks = agentwork(call).tasks.list(call.principal)
    return Reply(200, {"tasks": [summary_json(task) for task in tasks]})


def get_task_result(call: Call) -> Reply:
    api = agentwork(call)
    task = api.tasks.result(call.principal, call.path["task_id"])
    return Reply(200, result_json(task, api.download_url))


def get_task_events(call: Call) -> Reply:
    task = agentwork(call).tasks.get(call.principal, call.path["task_id"])
    return Reply(200, {"task_id": task.task_id, "events": [event_json(e) for e in task.events]})
