"""Cron schedules: at most one per workflow; when it fires next, kept on the record."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from mock_server.apis.docld.domain.cron import Cron, zone_named
from mock_server.apis.docld.domain.invalid import refuse
from mock_server.apis.docld.domain.model import Schedule, Workflow
from mock_server.apis.docld.domain.triggers import check_schedule
from mock_server.apis.docld.domain.workspace import Workspace
from mock_server.core.errors import Conflict, NotFound


def next_run(schedule: Schedule, workflow: Workflow, after: datetime) -> datetime | None:
    """When the schedule fires next; None while it or its workflow is disabled."""
    if not (schedule.enabled and workflow.enabled):
        return None
    return Cron.parse(schedule.cron_expression).next_after(after, zone_named(schedule.timezone))


class ScheduleService:
    """The schedules of every workflow. For a `scheduled` workflow the schedule and the
    trigger's cron and zone are kept equal, whichever of the two a client changes."""

    def __init__(self, space: Workspace) -> None:
        self.space = space

    def get(self, workflow: Workflow) -> Schedule:
        schedule = self.space.schedules.get(workflow.id)
        if schedule is None:
            raise NotFound(
                f"Workflow {workflow.id} has no schedule.",
                field="workflow_id",
                issue="create one with POST /api/workflows/{id}/schedule",
            )
        return schedule

    def create(self, workflow: Workflow, body: Mapping[str, Any]) -> Schedule:
        with self.space.lock:
            if workflow.id in self.space.schedules:
                raise Conflict(
                    f"Workflow {workflow.id} already has a schedule; change it with PUT.",
                    field="workflow_id",
                    issue="a workflow has at most one schedule",
                )
            expression, zone = _required(body, "cron_expression"), _required(body, "timezone")
            enabled = _enabled(body.get("enabled", True))
            return self._store(workflow, expression, zone, enabled, created_at=None)

    def update(self, workflow: Workflow, body: Mapping[str, Any]) -> Schedule:
        with self.space.lock:
            current = self.get(workflow)
            expression = body.get("cron_expression", current.cron_expression)
            zone = body.get("timezone", current.timezone)
            enabled = _enabled(body.get("enabled", current.enabled))
            return self._store(workflow, expression, zone, enabled, current.created_at)

    def delete(self, workflow: Workflow) -> None:
        """FIDELITY (inferred): a `scheduled` workflow keeps its trigger but stops firing."""
        with self.space.lock:
            self.get(workflow)
            del self.space.schedules[workflow.id]
            self.space.schedule_changed(workflow.id)

    def follow_trigger(self, workflow: Workflow) -> None:
        """After a workflow was stored: a scheduled trigger's cron becomes the schedule; a
        trigger that stopped being scheduled takes its schedule away (caller holds the lock)."""
        trigger, current = workflow.trigger, self.space.schedules.get(workflow.id)
        if trigger.type == "scheduled" and trigger.cron_expression and trigger.timezone:
            created = current.created_at if current else None
            enabled = current.enabled if current else True
            self._write(workflow, trigger.cron_expression, trigger.timezone, enabled, created)
        elif current is not None:
            self.refresh(workflow)

    def drop(self, workflow_id: str) -> None:
        """The workflow left a scheduled trigger or was deleted (caller holds the lock)."""
        if self.space.schedules.pop(workflow_id, None) is not None:
            self.space.schedule_changed(workflow_id)

    def refresh(self, workflow: Workflow) -> None:
        """Recompute when it fires next (after an enable or disable)."""
        schedule = self.space.schedules.get(workflow.id)
        if schedule is not None:
            upcoming = next_run(schedule, workflow, self.space.clock.now())
            if upcoming != schedule.next_run_at:
                self.space.schedules[workflow.id] = dataclasses.replace(
                    schedule, next_run_at=upcoming
                )
                self.space.schedule_changed(workflow.id)

    def fired(self, workflow: Workflow, at: datetime) -> Schedule:
        """It fired at `at`: remember that, and when it fires next (caller holds the lock)."""
        schedule = self.space.schedules[workflow.id]
        updated = dataclasses.replace(
            schedule, last_run_at=at, next_run_at=next_run(schedule, workflow, at)
        )
        self.space.schedules[workflow.id] = updated
        return updated

    def _store(
        self, workflow: Workflow, expression: Any, zone: Any, enabled: bool,
        created_at: datetime | None,
    ) -> Schedule:  # fmt: skip
        if not isinstance(expression, str):
            refuse("cron_expression", "must be a five-field cron expression")
        if not isinstance(zone, str):
            refuse("timezone", "must be an IANA time zone name")
        expression = check_schedule(expression, zone, self.space.clock.now())
        if workflow.trigger.type == "scheduled":  # keep the trigger equal to the schedule
            trigger = dataclasses.replace(
                workflow.trigger, cron_expression=expression, timezone=zone
            )
            workflow = dataclasses.replace(
                workflow, trigger=trigger, updated_at=self.space.clock.now()
            )
            self.space.workflows[workflow.id] = workflow
        return self._write(workflow, expression, zone, enabled, created_at)

    def _write(
        self, workflow: Workflow, expression: str, zone: str, enabled: bool,
        created_at: datetime | None,
    ) -> Schedule:  # fmt: skip
        now = self.space.clock.now()
        draft = Schedule(
            workflow.id, workflow.organization_id, expression, zone, enabled,
            created_at=created_at or now, updated_at=now,
            last_run_at=self._last_run(workflow.id),
        )  # fmt: skip
        schedule = dataclasses.replace(draft, next_run_at=next_run(draft, workflow, now))
        self.space.schedules[workflow.id] = schedule
        self.space.schedule_changed(workflow.id)
        return schedule

    def _last_run(self, workflow_id: str) -> datetime | None:
        current = self.space.schedules.get(workflow_id)
        return current.last_run_at if current else None


def _required(body: Mapping[str, Any], key: str) -> Any:
    if key not in body:
        refuse(key, "is required")
    return body[key]


def _enabled(value: Any) -> bool:
    if not isinstance(value, bool):
        refuse("enabled", "must be true or false")
    return value
