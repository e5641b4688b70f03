"""Integrations: where `integration` steps send their messages (slack, email, webhook)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from mock_server.apis.docld.domain.integration_kinds import IntegrationKind
from mock_server.apis.docld.domain.invalid import refuse
from mock_server.apis.docld.domain.model import Integration
from mock_server.apis.docld.domain.workspace import Workspace
from mock_server.core.errors import NotFound
from mock_server.core.principal import Principal


class IntegrationService:
    def __init__(self, space: Workspace, kinds: Mapping[str, IntegrationKind]) -> None:
        self.space, self.kinds = space, dict(kinds)

    def list(self, organization_id: str, workflow_id: str | None = None) -> list[Integration]:
        with self.space.lock:
            found = [
                i
                for i in self.space.integrations.values()
                if i.organization_id == organization_id
                and (workflow_id is None or i.workflow_id == workflow_id)
            ]
        return found[::-1]

    def get(self, organization_id: str, integration_id: str) -> Integration:
        integration = self.space.integrations.get(integration_id)
        if integration is None or integration.organization_id != organization_id:
            raise NotFound(
                f"Integration {integration_id} not found.",
                field="id",
                issue=f"no integration {integration_id!r} in organization {organization_id!r}",
            )
        return integration

    def kind(self, name: Any) -> IntegrationKind:
        kind = self.kinds.get(name) if isinstance(name, str) else None
        if kind is None:
            refuse("integration_type", f"must be one of {', '.join(self.kinds)}, not {name!r}")
        return kind

    def create(self, who: Principal, body: Mapping[str, Any]) -> Integration:
        with self.space.lock:
            for required in ("name", "integration_type", "config"):
                if required not in body:
                    refuse(required, "is required")
            kind = self.kind(body["integration_type"])
            config = kind.check(body["config"])
            workflow_id = self._workflow_id(who.tenant_id, body.get("workflow_id"))
            now = self.space.clock.now()
            integration = Integration(
                id=self.space.new_id("integration"),
                organization_id=who.tenant_id,
                workflow_id=workflow_id,
                name=_name(body["name"]),
                integration_type=kind.name,
                config=config,
                created_at=now,
                updated_at=now,
            )
            self.space.integrations[integration.id] = integration
            return integration

    def update(
        self, organization_id: str, integration_id: str, body: Mapping[str, Any]
    ) -> Integration:
        """Fields left out are kept; a new `config` replaces the old one whole."""
        with self.space.lock:
            current = self.get(organization_id, integration_id)
            kind = self.kind(body.get("integration_type", current.integration_type))
            if kind.name != current.integration_type and "config" not in body:
                refuse("config", f"a change to {kind.name} needs that type's config")
            config = kind.check(body["config"]) if "config" in body else current.config
            workflow_id = current.workflow_id
            if "workflow_id" in body:
                workflow_id = self._workflow_id(organization_id, body["workflow_id"])
            updated = dataclasses.replace(
                current,
                name=_name(body["name"]) if "name" in body else current.name,
                integration_type=kind.name,
                config=config,
                workflow_id=workflow_id,
                updated_at=self.space.clock.now(),
            )
            self.space.integrations[integration_id] = updated
            return updated

    def delete(self, organization_id: str, integration_id: str) -> None:
        """FIDELITY (inferred): allowed while a step names it; that step then fails when run."""
        with self.space.lock:
            self.get(organization_id, integration_id)
            del self.space.integrations[integration_id]

    def _workflow_id(self, organization_id: str, value: Any) -> str | None:
        if value is None:
            return None
        workflow = self.space.workflows.get(value) if isinstance(value, str) else None
        if workflow is None or workflow.organization_id != organization_id:
            refuse("workflow_id", f"no workflow {value!r} exists")
        return workflow.id


def _name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        refuse("name", "must be a non-empty string")
    return value
