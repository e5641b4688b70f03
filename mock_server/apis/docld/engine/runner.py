"""Runs executions step by step on the shared scheduler, each step for its scenario's time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from mock_server.apis.docld.domain.model import Event
from mock_server.apis.docld.domain.service import DocldDomain
from mock_server.apis.docld.engine.steps import StepPerformer
from mock_server.core.scheduler import Scheduler

MOVES = ("workflow.started", "workflow.step.completed")
ENDS = ("workflow.completed", "workflow.failed")


@dataclass(frozen=True)
class PlannedStep:
    """When the running step of an execution ends: data, so a snapshot can re-plan it."""

    execution_id: str
    index: int
    due: datetime


class ExecutionRunner:
    """Whenever an execution has a step running, plans its end; when that comes, re-checks
    under the lock that the step still runs (a reset or a deleted workflow stops the run)."""

    def __init__(self, domain: DocldDomain, scheduler: Scheduler, steps: StepPerformer) -> None:
        self.domain, self.scheduler, self.steps = domain, scheduler, steps
        self.planned: dict[str, PlannedStep] = {}  # guarded by the domain lock
        domain.space.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        if event.name in ENDS:
            self.planned.pop(event.subject_id, None)
        if event.name not in MOVES:
            return
        execution = self.domain.executions.find(event.subject_id)
        index = execution.running_step if execution else None
        if execution is None or index is None:
            return
        duration = self.steps.duration_ms(execution, execution.steps[index])
        due = self.domain.space.clock.now() + timedelta(milliseconds=duration)
        self.plan(PlannedStep(execution.id, index, due))

    def plan(self, planned: PlannedStep) -> None:
        """Only the latest plan of an execution counts; a replaced one finds that and stops."""
        self.planned[planned.execution_id] = planned
        self.scheduler.at(
            planned.due,
            f"docld: execution {planned.execution_id} step {planned.index + 1} ends",
            lambda: self._fire(planned),
        )

    def _fire(self, planned: PlannedStep) -> None:
        with self.domain.lock:
            if self.planned.get(planned.execution_id) is not planned:
                return  # superseded, or the emulator was reset
            del self.planned[planned.execution_id]
            execution = self.domain.executions.find(planned.execution_id)
            if execution is None or execution.running_step != planned.index:
                return  # the workflow was deleted meanwhile
            result = self.steps.perform(execution, execution.steps[planned.index])
            self.domain.executions.finish_step(execution.id, planned.index, result)

    def clear(self) -> None:
        self.planned.clear()
