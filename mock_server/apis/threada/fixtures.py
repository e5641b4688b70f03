"""Loads Threada's fixtures (fixtures/threada/*.yaml), naming the file and entry at fault."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from mock_server.apis.threada.domain.access import Credential
from mock_server.apis.threada.domain.catalog import (
    Action,
    Catalog,
    Channel,
    Integration,
    Policy,
    PolicyRule,
    Workflow,
)
from mock_server.apis.threada.domain.numbering import Numbering
from mock_server.apis.threada.domain.scenarios import (
    Scenario,
    ScenarioError,
    check_scenario,
)
from mock_server.apis.threada.fixture_checks import cross_check
from mock_server.apis.threada.fixture_entries import (
    ActionEntry,
    ChannelEntry,
    IdsEntry,
    IntegrationEntry,
    KeyEntry,
    PolicyEntry,
    ScenariosFile,
    TenantEntry,
    WorkflowEntry,
)

M = TypeVar("M", bound=BaseModel)


class FixtureError(ValueError):
    """A fixtures file is missing or malformed; the message names the file and the entry."""


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
    entries = _load(path, ScenariosFile).scenarios
    scenarios = {name: entry.to_scenario(name) for name, entry in entries.items()}
    for scenario in scenarios.values():
        try:
            check_scenario(scenario, catalog.actions)
        except ScenarioError as error:
            raise FixtureError(f"{path}: {error}") from None
    return scenarios


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
