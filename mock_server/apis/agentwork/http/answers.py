"""Handlers of the customer's moves: answer a question, decide on a spec or a solution, cancel."""

from __future__ import annotations

from mock_server.apis.agentwork.http.context import agentwork
from mock_server.apis.agentwork.http.representation import action_json
from mock_server.http.operations import Call, Reply


def send_message(call: Call) -> Reply:
    body = call.body
    text = body.get("message") or body.get("content")  # FIDELITY: "alias: content"
    task = agentwork(call).tasks.message(
        call.principal, call.path["task_id"], text, body.get("answers")
    )
    return Reply(201, action_json(task))


def set_spec_status(call: Call) -> Reply:
    body = call.body
    task = agentwork(call).tasks.decide_spec(
        call.principal, call.path["task_id"], body["status"], body.get("rejection_reason")
    )
    return Reply(200, action_json(task))


def set_solution_status(call: Call) -> Reply:
    body = call.body
    task = agentwork(call).tasks.decide_solution(
        call.principal, call.path["task_id"], body["status"], body.get("rejection_reason")
    )
    return Reply(200, action_json(task))


def cancel_task(call: Call) -> Reply:
    return Reply(
        200, action_json(agentwork(call).tasks.cancel(call.principal, call.path["task_id"]))
    )
