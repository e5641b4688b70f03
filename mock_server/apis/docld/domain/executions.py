"""Executions: started `running`, one step at a time, ending `completed` or `failed`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from mock_server.apis.docld.domain import events
from mock_server.apis.docld.domain.lifecycle import EXECUTION, FAILED
from mock_server.apis.docld.domain.model import Execution, JsonObject, Step, StepLog, Workflow
from mock_server.apis.docld.domain.workspace import Workspace
from mock_server.core.errors import IllegalMove, NotFound


@dataclass(frozen=True, slots=True)
class StepResult:
    """How the running step ended; `skip_rest` when a condition did not hold."""

    status: str  # completed or failed
    output: JsonObject | None = None
    error: str | None = None
    skip_rest: bool = False


def _running(step: Step, at: datetime) -> StepLog:
    return StepLog(step.id, step.type, "running", started_at=at)


def _ended(entry: StepLog, result: StepResult, at: datetime) -> StepLog:
    elapsed = round((at - entry.started_at).total_seconds() * 1000)
    return dataclasses.replace(
        entry, status=result.status, completed_at=at, duration_ms=elapsed,
        output=result.output if result.status != FAILED else None, error=result.error,
    )  # fmt: skip


class ExecutionService:
    def __init__(self, space: Workspace) -> None:
        self.space = space

    def start(
        self, workflow: Workflow, triggered_by: str, trigger_data: JsonObject,
        scenario: str | None = None,
    ) -> Execution:  # fmt: skip
        """A new running execution with its first step running; `workflow.started` out."""
        with self.space.lock:
            current = self.space.workflows.get(workflow.id)
            if current is None:
                raise NotFound(f"Workflow {workflow.id} not found.", field="workflow_id")
            if not current.enabled:
                # FIDELITY (inferred): DocLD never fires a disabled workflow; a manual run is
                # refused with 400 rather than queued.
                raise IllegalMove(
                    f"Workflow {workflow.id} is disabled; enable it to execute it.",
                    field="enabled",
                    issue="a disabled workflow is never executed",
                )
            now = self.space.clock.now()
            execution = Execution(
                id=self.space.new_id("execution"),
                workflow_id=current.id,
                organization_id=current.organization_id,
                workflow_name=current.name,
                status="running",
                triggered_by=triggered_by,
                trigger_data=dict(trigger_data),
                steps=current.steps,
                started_at=now,
                log=(_running(current.steps[0], now),),
                scenario=scenario,
            )
            self.space.add_execution(execution)
            self._publish("workflow.started", execution, events.execution_data(execution))
            return execution

    def start_from_webhook(
        self, workflow: Workflow, trigger_data: JsonObject, scenario: str | None = None
    ) -> Execution:
        """An inbound webhook's execution: only a `webhook` workflow listens on its URL."""
        if workflow.trigger.type != "webhook":
            raise IllegalMove(
                f"Workflow {workflow.id} has a {workflow.trigger.type} trigger; only a webhook "
                "workflow is started through its trigger URL.",
                field="trigger_type",
                issue="execute it with POST /api/workflows/{id}/execute instead",
            )
        return self.start(workflow, "webhook", trigger_data, scenario)

    def switch_scenario(self, execution_id: str, scenario: str) -> Execution:
        """Play another scenario from the next step to end on (the running one included)."""
        with self.space.lock:
            execution = self.space.executions.get(execution_id)
            if execution is None:
                raise NotFound(f"Execution {execution_id} not found.", field="execution_id")
            if execution.status != "running":
                raise IllegalMove(
                    f"Execution {execution_id} is {execution.status}; only a running one can "
                    "change its scenario.",
                    field="status",
                    issue="the execution has ended",
                )
            updated = dataclasses.replace(execution, scenario=scenario)
            self.space.executions[execution_id] = updated
            return updated

    def list(self, workflow: Workflow, limit: int, execution_id: str | None) -> list[Execution]:
        """Newest first, at most `limit`; only `execution_id` when it is given."""
        with self.space.lock:
            ids = self.space.executions_of.get(workflow.id, [])
            chosen = [execution_id] if execution_id in ids else [] if execution_id else ids
            return [self.space.executions[i] for i in reversed(chosen)][:limit]

    def find(self, execution_id: str) -> Execution | None:
        return self.space.executions.get(execution_id)

    def finish_step(self, execution_id: str, index: int, result: StepResult) -> Execution:
        """The running step `index` ended: log it, then run the next, skip the rest, or end."""
        with self.space.lock:
            execution = self.space.executions.get(execution_id)
            if execution is None:
                raise NotFound(f"Execution {execution_id} not found.", field="execution_id")
            if execution.running_step != index:
                raise IllegalMove(
                    f"Step {index} of execution {execution_id} is not running.",
                    field="status",
                    issue=f"the execution is {execution.status}",
                )
            if result.status == FAILED:
                return self._fail(execution, index, result)
            return self._advance(execution, index, result)

    def _fail(self, execution: Execution, index: int, result: StepResult) -> Execution:
        now = self.space.clock.now()
        entry = _ended(execution.log[index], result, now)
        failed = dataclasses.replace(
            execution, status=EXECUTION.target("fail", execution.status),
            log=(*execution.log[:index], entry), completed_at=now,
            error=f"Step {entry.step_id} failed: {result.error or 'no reason given'}",
        )  # fmt: skip
        self.space.executions[failed.id] = failed
        self._publish("workflow.failed", failed, events.finished_data(failed))
        return failed

    def _advance(self, execution: Execution, index: int, result: StepResult) -> Execution:
        now = self.space.clock.now()
        EXECUTION.target("step_completed", execution.status)
        entry = _ended(execution.log[index], result, now)
        log = (*execution.log[:index], entry)
        remaining = execution.steps[index + 1 :]
        if remaining and result.skip_rest:
            EXECUTION.target("steps_skipped", execution.status)
            log = (*log, *(StepLog(s.id, s.type, "skipped", now, now, 0) for s in remaining))
        if remaining and not result.skip_rest:
            updated = dataclasses.replace(execution, log=(*log, _running(remaining[0], now)))
        else:
            status = EXECUTION.target("complete", execution.status)
            updated = dataclasses.replace(execution, status=status, log=log, completed_at=now)
        self.space.executions[updated.id] = updated
        self._publish(
            "workflow.step.completed", updated, events.step_completed_data(updated, entry)
        )
        if updated.completed_at is not None:
            self._publish("workflow.completed", updated, events.finished_data(updated))
        return updated

    def _publish(self, name: str, execution: Execution, data: JsonObject) -> None:
        self.space.publish(name, execution.organization_id, execution.id, data)

    def restore(self, execution: Execution) -> None:
        """Put back a saved execution (state import; caller holds the lock)."""
        self.space.add_execution(execution)
