"""Handlers of governed execution: start (idempotently) and read an execution."""

from __future__ import annotations

from mock_server.apis.threada.domain.executions import ExecuteRequest
from mock_server.apis.threada.domain.records import execution_json
from mock_server.apis.threada.http.context import caller, threada
from mock_server.apis.threada.http.evidence import evidence_of
from mock_server.http.operations import Call, Reply

IDEMPOTENCY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"


def execute_action(call: Call) -> Reply:
    """The same request, or the same `Idempotency-Key`, answers the earlier execution again
    (`Idempotent-Replayed: true`) and starts nothing; the key with another request is 409."""
    body = call.body
    request = ExecuteRequest(
        work_item_id=body["work_item_id"],
        action_id=body["action_id"],
        integration_id=body["integration_id"],
        evidence=evidence_of(body),
    )
    execution, replayed = threada().service.executions.execute(
        caller(call), request, call.headers.get(IDEMPOTENCY_HEADER)
    )
    # INFERRED: 202, as the execution runs on; the reference shows only the body.
    return Reply(202, execution_json(execution), {REPLAYED_HEADER: str(replayed).lower()})


def get_execution(call: Call) -> Reply:
    execution = threada().service.executions.get(caller(call), call.path["execution_id"])
    return Reply(200, execution_json(execution))
