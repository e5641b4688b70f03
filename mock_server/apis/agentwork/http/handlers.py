"""Every operationId of Agentwork's openapi.yaml and the handler answering it."""

from __future__ import annotations

from mock_server.apis.agentwork.http.accounts import create_api_key, register_account
from mock_server.apis.agentwork.http.answers import (
    cancel_task,
    send_message,
    set_solution_status,
    set_spec_status,
)
from mock_server.apis.agentwork.http.files import download_result_file
from mock_server.apis.agentwork.http.tasks import (
    create_task,
    get_task,
    get_task_events,
    get_task_result,
    list_tasks,
)
from mock_server.http.operations import Handler

HANDLERS: dict[str, Handler] = {
    "registerAccount": register_account,
    "createApiKey": create_api_key,
    "createTask": create_task,
    "listTasks": list_tasks,
    "getTask": get_task,
    "getTaskResult": get_task_result,
    "getTaskEvents": get_task_events,
    "sendMessage": send_message,
    "setSpecStatus": set_spec_status,
    "setSolutionStatus": set_solution_status,
    "cancelTask": cancel_task,
    "downloadResultFile": download_result_file,
}
