"""Executions in the domain: running, step by step, to completed or failed, as the table says."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mock_server.apis.docld.domain.executions import StepResult
from mock_server.apis.docld.domain.lifecycle import EXECUTION
from mock_server.apis.docld.domain.views import execution_json
from mock_server.core.errors import IllegalMove
from tests.apis.docld.support import LOCAL, EventLog, domain, invoice_workflow, manual_clock

THREE_STEPS = {
    "steps": [
        {"id": "parse", "type": "parse"},
        {
            "id": "check",
            "type": "condition",
            "config": {"field": "total", "operator": "gt", "value": 1},
        },
        {"id": "shape", "type": "transform"},
    ]
}  # fmt: skip


def _started(definition=THREE_STEPS):
    clock = manual_clock()
    docld = domain(clock)
    log = EventLog(docld)
    workflow = docld.workflows.create(LOCAL, invoice_workflow(definition=definition))
    execution = docld.executions.start(workflow, "manual", {"document_id": "doc-1"})
    return docld, clock, log, execution


def test_an_execution_starts_running_with_its_first_step_running():
    _, _, log, execution = _started()

    document = execution_json(execution)

    assert document["status"] == "running"
    assert [(e["step_id"], e["status"]) for e in document["execution_log"]] == [
        ("parse", "running")
    ]
    assert log.names(execution.id) == ["workflow.started"]


def test_completed_steps_are_logged_with_durations_and_the_execution_completes():
    docld, clock, log, execution = _started()

    clock.advance_to(clock.now() + timedelta(seconds=5))
    docld.executions.finish_step(execution.id, 0, StepResult("completed", {"total": 9}))
    clock.advance_to(clock.now() + timedelta(milliseconds=100))
    docld.executions.finish_step(execution.id, 1, StepResult("completed", {"result": True}))
    done = docld.executions.finish_step(execution.id, 2, StepResult("completed", {}))

    assert done.status == "completed"
    assert done.completed_at == clock.now()
    assert [(e.step_id, e.status, e.duration_ms) for e in done.log] == [
        ("parse", "completed", 5000),
        ("check", "completed", 100),
        ("shape", "completed", 0),
    ]
    assert log.names(execution.id) == [
        "workflow.started",
        "workflow.step.completed",
        "workflow.step.completed",
        "workflow.step.completed",
        "workflow.completed",
    ]


def test_a_failing_step_fails_the_execution_and_nothing_after_it_runs():
    docld, _, log, execution = _started()
    docld.executions.finish_step(execution.id, 0, StepResult("completed", {}))

    failed = docld.executions.finish_step(execution.id, 1, StepResult("failed", error="boom"))

    assert (failed.status, failed.error) == ("failed", "Step check failed: boom")
    assert [(e.step_id, e.status) for e in failed.log] == [
        ("parse", "completed"),
        ("check", "failed"),
    ]
    assert failed.log[1].output is None
    assert log.names(execution.id)[-1] == "workflow.failed"
    with pytest.raises(IllegalMove, match="not running"):
        docld.executions.finish_step(execution.id, 2, StepResult("completed"))


def test_a_condition_that_does_not_hold_skips_the_rest_and_completes():
    docld, _, log, execution = _started()
    docld.executions.finish_step(execution.id, 0, StepResult("completed", {"total": 0}))

    done = docld.executions.finish_step(
        execution.id, 1, StepResult("completed", {"result": False}, skip_rest=True)
    )

    assert done.status == "completed"
    assert [(e.step_id, e.status, e.duration_ms) for e in done.log][-1] == ("shape", "skipped", 0)
    assert log.names(execution.id).count("workflow.step.completed") == 2


def test_a_disabled_workflow_is_refused_and_leaves_no_execution():
    docld = domain()
    workflow = docld.workflows.create(LOCAL, invoice_workflow(enabled=False))

    with pytest.raises(IllegalMove, match="is disabled"):
        docld.executions.start(workflow, "manual", {})

    assert docld.executions.list(workflow, 20, None) == []


def test_a_run_keeps_the_steps_it_started_with_when_the_workflow_changes():
    docld, _, _, execution = _started()
    docld.workflows.update(
        "org-local",
        execution.workflow_id,
        {"definition": {"steps": [{"id": "only", "type": "parse"}]}},
    )

    after = docld.executions.finish_step(execution.id, 0, StepResult("completed", {"total": 5}))

    assert after.log[-1].step_id == "check"


def test_executions_list_newest_first_with_limit_and_id_filter():
    docld, _, _, first = _started()
    workflow = docld.workflows.get("org-local", first.workflow_id)
    second = docld.executions.start(workflow, "event", {})

    assert [e.id for e in docld.executions.list(workflow, 20, None)] == [second.id, first.id]
    assert [e.id for e in docld.executions.list(workflow, 1, None)] == [second.id]
    assert [e.id for e in docld.executions.list(workflow, 20, first.id)] == [first.id]
    assert docld.executions.list(workflow, 20, "no-such-execution") == []


def test_the_lifecycle_table_allows_no_move_out_of_a_terminal_status():
    for action in EXECUTION.actions:
        for terminal in ("completed", "failed"):
            assert not EXECUTION.allows(action, terminal)
    assert EXECUTION.legal_moves() == {
        ("running", "running"),
        ("running", "completed"),
        ("running", "failed"),
    }
