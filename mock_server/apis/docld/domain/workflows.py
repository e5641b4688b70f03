"""Workflows: create, read, update and delete, each one checked step under the lock."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from mock_server.apis.docld.domain.model import Workflow
from mock_server.apis.docld.domain.rules import WorkflowDraft, parse_workflow
from mock_server.apis.docld.domain.schedules import ScheduleService
from mock_server.apis.docld.domain.workspace import Workspace
from mock_server.core.errors import NotFound
from mock_server.core.principal import Principal


class WorkflowService:
    def __init__(self, space: Workspace, schedules: ScheduleService) -> None:
        self.space, self.schedules = space, schedules

    def list(self, organization_id: str) -> list[Workflow]:
        """Newest first. FIDELITY: the docs show no pagination, so every workflow comes back."""
        with self.space.lock:
            found = [
                w for w in self.space.workflows.values() if w.organization_id == organization_id
            ]
        return found[::-1]

    def get(self, organization_id: str, workflow_id: str) -> Workflow:
        workflow = self.space.workflows.get(workflow_id)
        if workflow is None or workflow.organization_id != organization_id:
            raise NotFound(
                f"Workflow {workflow_id} not found.",
                field="workflow_id",
                issue=f"no workflow {workflow_id!r} in organization {organization_id!r}",
            )
        return workflow

    def create(self, who: Principal, body: Mapping[str, Any]) -> Workflow:
        with self.space.lock:
            draft = self._parse(who.tenant_id, body, None)
            now = self.space.clock.now()
            workflow = Workflow(
                id=self.space.new_id("workflow"),
                organization_id=who.tenant_id,
                name=draft.name,
                description=draft.description,
                steps=draft.steps,
                trigger=draft.trigger,
                enabled=draft.enabled,
                created_at=now,
                updated_at=now,
                created_by=who.user_id,
            )
            self.space.workflows[workflow.id] = workflow
            self.schedules.follow_trigger(workflow)
            return self.space.workflows[workflow.id]

    def update(self, organization_id: str, workflow_id: str, body: Mapping[str, Any]) -> Workflow:
        """FIDELITY (inferred): fields left out keep their values; the result is checked whole."""
        with self.space.lock:
            current = self.get(organization_id, workflow_id)
            draft = self._parse(organization_id, body, current)
            updated = dataclasses.replace(
                current,
                name=draft.name,
                description=draft.description,
                steps=draft.steps,
                trigger=draft.trigger,
                enabled=draft.enabled,
                updated_at=self.space.clock.now(),
            )
            self.space.workflows[workflow_id] = updated
            if current.trigger.type == "scheduled" and updated.trigger.type != "scheduled":
                self.schedules.drop(workflow_id)
            self.schedules.follow_trigger(updated)
            return self.space.workflows[workflow_id]

    def delete(self, organization_id: str, workflow_id: str) -> None:
        """The workflow, its schedule and its executions go; runs in flight stop."""
        with self.space.lock:
            self.get(organization_id, workflow_id)
            self.schedules.drop(workflow_id)
            self.space.drop_workflow(workflow_id)

    def _parse(
        self, organization_id: str, body: Mapping[str, Any], base: Workflow | None
    ) -> WorkflowDraft:
        def integration_exists(integration_id: str) -> bool:
            found = self.space.integrations.get(integration_id)
            return found is not None and found.organization_id == organization_id

        return parse_workflow(
            body, now=self.space.clock.now(), integration_exists=integration_exists, base=base
        )
