"""The cron trigger: each enabled schedule fires on the emulator clock at its next run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mock_server.apis.docld.domain.service import DocldDomain
from mock_server.core.clock import isoformat_z
from mock_server.core.scheduler import Scheduler


@dataclass(frozen=True, eq=False)
class CronPlan:
    workflow_id: str
    due: datetime


class CronTrigger:
    """Plans one firing per schedule (its `next_run_at`); re-plans whenever a schedule changes.
    Under manual time, advancing a day runs a weekday-9am workflow exactly once."""

    def __init__(self, domain: DocldDomain, scheduler: Scheduler) -> None:
        self.domain, self.scheduler = domain, scheduler
        self.planned: dict[str, CronPlan] = {}  # guarded by the domain lock
        domain.space.on_schedule_change(self.replan)

    def replan(self, workflow_id: str) -> None:
        schedule = self.domain.space.schedules.get(workflow_id)
        if schedule is None or schedule.next_run_at is None:
            self.planned.pop(workflow_id, None)
            return
        current = self.planned.get(workflow_id)
        if current is not None and current.due == schedule.next_run_at:
            return
        plan = CronPlan(workflow_id, schedule.next_run_at)
        self.planned[workflow_id] = plan
        self.scheduler.at(
            plan.due, f"docld: cron of workflow {workflow_id}", lambda: self._fire(plan)
        )

    def replan_all(self) -> None:
        for workflow_id in list(self.domain.space.schedules):
            self.replan(workflow_id)

    def _fire(self, plan: CronPlan) -> None:
        with self.domain.lock:
            if self.planned.get(plan.workflow_id) is not plan:
                return  # re-planned, removed, or the emulator was reset
            del self.planned[plan.workflow_id]
            workflow = self.domain.space.workflows.get(plan.workflow_id)
            schedule = self.domain.space.schedules.get(plan.workflow_id)
            if workflow is None or schedule is None or schedule.next_run_at != plan.due:
                return
            self.domain.schedules.fired(workflow, plan.due)
            data = {
                "cron_expression": schedule.cron_expression,
                "scheduled_at": isoformat_z(plan.due),
            }
            if workflow.enabled:
                self.domain.executions.start(workflow, "scheduled", data)
            self.replan(plan.workflow_id)

    def clear(self) -> None:
        self.planned.clear()
