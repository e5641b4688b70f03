"""The shapes of Threada's fixture entries, as YAML files, the control plane and snapshots
write them (pydantic: a bad entry is named by its field)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from mock_server.apis.threada.domain.access import SCOPES, Credential
from mock_server.apis.threada.domain.model import Actor
from mock_server.apis.threada.domain.scenarios import Scenario, scenario_from_json

Scope = Literal[
    "workitems:read", "workitems:write", "workflow:manage", "actions:execute", "telemetry:read"
]  # the SCOPES of domain/access.py; a test keeps the two equal


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TenantEntry(_Strict):
    tenant_id: str = Field(min_length=1)
    name: str = ""


class ActorEntry(_Strict):
    type: Literal["human", "ai"]
    id: str = Field(min_length=1)


class KeyEntry(_Strict):
    """A credential as keys.yaml, the control plane and state documents write it."""

    key: str = Field(min_length=1)
    name: str = Field(min_length=1)
    tenants: list[str]
    actor: ActorEntry
    scopes: list[Scope]

    def to_credential(self) -> Credential:
        actor = Actor(self.actor.type, self.actor.id)
        return Credential(
            self.key, self.name, frozenset(self.tenants), frozenset(self.scopes), actor
        )


def key_document(credential: Credential) -> dict[str, Any]:
    """The inverse of `KeyEntry.to_credential`."""
    return {
        "key": credential.key,
        "name": credential.name,
        "tenants": sorted(credential.tenants),
        "actor": {"type": credential.actor.type, "id": credential.actor.id},
        "scopes": [scope for scope in SCOPES if scope in credential.scopes],
    }


class ChannelEntry(_Strict):
    channel_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    kind: Literal["web_chat", "email", "form", "api"]


class WorkflowEntry(_Strict):
    workflow_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    policy_set: str = Field(min_length=1)
    scenario: str = Field(min_length=1)
    channels: list[str] | None = None
    channel_required: bool = False


class ActionEntry(_Strict):
    action_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    description: str = ""


class IntegrationEntry(_Strict):
    integration_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    kind: Literal["simulated", "webhook"]
    url: str | None = None
    latency_seconds: float = Field(default=1.0, ge=0)
    outcomes: list[Literal["succeeded", "retryable_failure", "failure"]] = Field(
        default=["succeeded"], min_length=1
    )
    max_attempts: int = Field(default=3, ge=1, le=10)
    backoff_seconds: float = Field(default=2.0, ge=0)
    enabled: bool = True


class RuleEntry(_Strict):
    effect: Literal["allow", "require_approval", "deny"]
    integrations: list[str] | None = None


class PolicyEntry(_Strict):
    policy_set: str = Field(min_length=1)
    version: str = Field(min_length=1)
    scope: Literal["tenant", "workflow", "channel"] = "workflow"
    rules: dict[str, RuleEntry]


class CitationEntry(_Strict):
    source: str = Field(min_length=1)
    excerpt: str | None = None


class ProposeEntry(_Strict):
    action_id: str = Field(min_length=1)
    integration_id: str | None = None


class StepEntry(_Strict):
    after: float = Field(ge=0)
    status: str
    citations: list[CitationEntry] = []
    fallback_reason: str | None = Field(default=None, min_length=1)
    propose: ProposeEntry | None = None


class ScenarioEntry(_Strict):
    """A scenario as scenarios.yaml, a control-plane body or a state document writes it."""

    description: str = ""
    steps: list[StepEntry]

    def to_scenario(self, name: str) -> Scenario:
        return scenario_from_json(name, self.model_dump(exclude_none=True))


class IdsEntry(_Strict):
    work_item: int = Field(default=1, ge=1)
    execution: int = Field(default=1, ge=1)
    idempotency_key: int = Field(default=1, ge=1)
    receipt: int = Field(default=1, ge=1)


class ScenariosFile(_Strict):
    scenarios: dict[str, ScenarioEntry]
