"""Loads Threada's fixtures (fixtures/threada/*.yaml), naming the file and entry at fault."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mock_server.apis.threada.domain.access import SCOPES, Credential
from mock_server.apis.threada.domain.catalog import (
    Action,
    Catalog,
    Channel,
    Integration,
    Policy,
    PolicyRule,
    Workflow,
)
from mock_server.apis.threada.domain.model import Actor
from mock_server.apis.threada.domain.numbering import Numbering
from mock_server.apis.threada.domain.scenarios import (
    Scenario,
    ScenarioError,
    check_scenario,
    scenario_from_json,
)
from mock_server.apis.threada.fixture_checks import cross_check

M = TypeVar("M", bound=BaseModel)
Scope = Literal[
    "workitems:read", "workitems:write", "workflow:manage", "actions:execute", "telemetry:read"
]  # the SCOPES of domain/access.py; a test keeps the two equal


class FixtureError(ValueError):
    """A fixtures file is missing or malformed; the message names the file and the entry."""


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


@dataclass(frozen=True)
class FixtureSet:
    directory: Path
    tenants: tuple[str, ...]
    credentials: tuple[Credential, ...]
    catalog: Catalog
    scenarios: Mapping[str, Scenario]
    numbering: Numbering


def load_fixtures(directory: Path, base_url: str) -> FixtureSet:
    """Everything of `directory`, each file validated, then checked against the others."""

    def read(name: str, key: str, model: type[M]) -> list[M]:
        return _entries(directory / name, key, model)

    tenants = read("tenants.yaml", "tenants", TenantEntry)
    keys = read("keys.yaml", "keys", KeyEntry)
    workflows = read("workflows.yaml", "workflows", WorkflowEntry)
    channels = read("channels.yaml", "channels", ChannelEntry)
    actions = read("actions.yaml", "actions", ActionEntry)
    integrations = read("integrations.yaml", "integrations", IntegrationEntry)
    policies = read("policies.yaml", "policies", PolicyEntry)
    catalog = Catalog(
        workflows=_by_id(directory / "workflows.yaml", [_workflow(w) for w in workflows]),
        channels=_by_id(directory / "channels.yaml", [_channel(c) for c in channels]),
        actions=_by_id(directory / "actions.yaml", [_action(a) for a in actions]),
        integrations=_by_id(
            directory / "integrations.yaml", [_integration(i, base_url) for i in integrations]
        ),
        policies=_by_id(directory / "policies.yaml", [_policy(p) for p in policies]),
    )
    scenarios = _scenarios(directory / "scenarios.yaml", catalog)
    ids = _load(directory / "ids.yaml", IdsEntry)
    credentials = tuple(k.to_credential() for k in keys)
    tenant_ids = tuple(t.tenant_id for t in tenants)
    problem = cross_check(tenant_ids, credentials, catalog, scenarios)
    if problem is not None:
        raise FixtureError(f"{directory / problem[0]}: {problem[1]}")
    numbering = Numbering.starting_at(ids.model_dump())
    return FixtureSet(directory, tenant_ids, credentials, catalog, scenarios, numbering)


R = TypeVar("R", Workflow, Channel, Action, Integration, Policy)


def _by_id(path: Path, records: list[R]) -> dict[str, R]:
    """Records by their id (the first field), refusing the same id twice."""
    found: dict[str, R] = {}
    for position, record in enumerate(records):
        name = getattr(record, record.__slots__[0])
        if name in found:
            raise FixtureError(f"{path}: entry {position}: {name!r} is listed twice")
        found[name] = record
    return found


def _channel(entry: ChannelEntry) -> Channel:
    return Channel(entry.channel_id, entry.name, entry.kind)


def _action(entry: ActionEntry) -> Action:
    return Action(entry.action_id, entry.name, entry.description)


def _workflow(entry: WorkflowEntry) -> Workflow:
    channels = frozenset(entry.channels) if entry.channels is not None else None
    return Workflow(
        entry.workflow_id,
        entry.name,
        entry.policy_set,
        entry.scenario,
        channels,
        entry.channel_required,
    )


def _integration(entry: IntegrationEntry, base_url: str) -> Integration:
    url = entry.url.replace("{base_url}", base_url.rstrip("/")) if entry.url else None
    return Integration(
        entry.integration_id,
        entry.name,
        entry.kind,
        url,
        entry.latency_seconds,
        tuple(entry.outcomes),
        entry.max_attempts,
        entry.backoff_seconds,
        entry.enabled,
    )


def _policy(entry: PolicyEntry) -> Policy:
    rules = {
        action: PolicyRule(rule.effect, frozenset(rule.integrations) if rule.integrations else None)
        for action, rule in entry.rules.items()
    }
    return Policy(entry.policy_set, entry.version, entry.scope, rules)


def _scenarios(path: Path, catalog: Catalog) -> dict[str, Scenario]:
    entries = _load(path, _ScenariosFile).scenarios
    scenarios = {name: entry.to_scenario(name) for name, entry in entries.items()}
    for scenario in scenarios.values():
        try:
            check_scenario(scenario, catalog.actions)
        except ScenarioError as error:
            raise FixtureError(f"{path}: {error}") from None
    return scenarios


class _ScenariosFile(_Strict):
    scenarios: dict[str, ScenarioEntry]


def _entries(path: Path, key: str, model: type[M]) -> list[M]:
    document = read_yaml(path)
    if not isinstance(document, dict) or not isinstance(document.get(key), list):
        raise FixtureError(f"{path}: expected a mapping with a list under {key!r}")
    entries = []
    for position, raw in enumerate(document[key]):
        entries.append(_validated(path, model, raw, f"{key}.{position}"))
    return entries


def _load(path: Path, model: type[M]) -> M:
    return _validated(path, model, read_yaml(path), "")


def _validated(path: Path, model: type[M], raw: Any, where: str) -> M:
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        inner = ".".join(str(part) for part in first["loc"])
        location = ".".join(part for part in (where, inner) if part)
        raise FixtureError(f"{path}: {location}: {first['msg']}") from None


def read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FixtureError(f"{path}: file not found") from None
    except yaml.YAMLError as error:
        raise FixtureError(f"{path}: not valid YAML: {error}") from None
