"""Every handler of Threada's contract, by operationId."""

from __future__ import annotations

from mock_server.apis.threada.http.actions import execute_action, get_execution
from mock_server.apis.threada.http.telemetry import export_telemetry
from mock_server.apis.threada.http.work_items import (
    approve_work_item,
    create_work_item,
    escalate_work_item,
    get_work_item,
    list_work_items,
    reject_work_item,
)
from mock_server.http.operations import Handler

HANDLERS: dict[str, Handler] = {
    "createWorkItem": create_work_item,
    "listWorkItems": list_work_items,
    "getWorkItem": get_work_item,
    "approveWorkItem": approve_work_item,
    "rejectWorkItem": reject_work_item,
    "escalateWorkItem": escalate_work_item,
    "executeAction": execute_action,
    "getExecution": get_execution,
    "exportTelemetry": export_telemetry,
}
