"""Loads agents and API keys from a fixtures directory, naming the file at fault on errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mock_server.apis.sema4.domain.model import Agent
from mock_server.apis.sema4.domain.profile import Profile
from mock_server.apis.sema4.engine.scenarios import Scenario, ScenarioError, Step, check_scenario
from mock_server.http.auth import ApiKey

M = TypeVar("M", bound=BaseModel)


class FixtureError(ValueError):
    """A fixtures file is missing or malformed; the message names the file and the entry."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AgentEntry(_Strict):
    """An agent as agents.yaml, `POST /_mock/agents` and state documents write it."""

    agent_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    scenario: str = "complete"
    tenants: list[str] | None = None
    description: str = ""
    mode: str = Field(default="worker", min_length=1)

    def to_agent(self) -> Agent:
        return Agent(
            self.agent_id,
            self.name,
            self.scenario,
            frozenset(self.tenants) if self.tenants else None,
            self.description,
            self.mode,
        )


def agent_document(agent: Agent) -> dict[str, Any]:
    """The inverse of `AgentEntry.to_agent`."""
    return {
        "agent_id": agent.agent_id,
        "name": agent.name,
        "scenario": agent.scenario,
        "tenants": sorted(agent.tenants) if agent.tenants is not None else None,
        "description": agent.description,
        "mode": agent.mode,
    }


class KeyEntry(_Strict):
    """An API key as keys.yaml and state documents write it."""

    key: str = Field(min_length=8)
    name: str = Field(min_length=1)
    tenant: str = Field(min_length=1)
    user_id: str = Field(min_length=1)
    permissions: list[Literal["read", "write"]] = ["read", "write"]

    def to_key(self) -> ApiKey:
        return ApiKey(self.key, self.name, self.tenant, self.user_id, "write" in self.permissions)


def key_document(key: ApiKey) -> dict[str, Any]:
    """The inverse of `KeyEntry.to_key`."""
    return {
        "key": key.key,
        "name": key.name,
        "tenant": key.tenant_id,
        "user_id": key.user_id,
        "permissions": ["read", "write"] if key.can_write else ["read"],
    }


class StepEntry(_Strict):
    after: float = Field(ge=0)
    status: str
    reply: str | None = None


class RunEntry(_Strict):
    steps: list[StepEntry]


class ScenarioEntry(_Strict):
    """A scenario as written in scenarios.yaml, a control-plane body or a state document."""

    description: str = ""
    runs: list[RunEntry] = Field(min_length=1)

    def to_scenario(self, name: str) -> Scenario:
        runs = tuple(
            tuple(Step(s.after, s.status, s.reply) for s in run.steps) for run in self.runs
        )
        return Scenario(name, runs, self.description)


class ScenariosFile(_Strict):
    scenarios: dict[str, ScenarioEntry]


class AgentsFile(_Strict):
    agents: list[AgentEntry]


class KeysFile(_Strict):
    keys: list[KeyEntry]


@dataclass(frozen=True)
class FixtureSet:
    directory: Path
    agents: tuple[Agent, ...]
    keys: tuple[ApiKey, ...]
    scenarios: tuple[Scenario, ...]


def fixture_file(directory: Path, profile: Profile, name: str) -> Path:
    """`<directory>/<profile>/<name>` when the profile has its own, else `<directory>/<name>`."""
    own = directory / profile.name / name
    return own if own.exists() else directory / name


def load_fixtures(directory: Path, profile: Profile) -> FixtureSet:
    """Agents, keys and scenarios of `directory` (the profile's own files first), checked
    against each other and `profile`."""
    agents_file = fixture_file(directory, profile, "agents.yaml")
    agents = _load(agents_file, AgentsFile).agents
    keys = _load(fixture_file(directory, profile, "keys.yaml"), KeysFile).keys
    scenarios = _scenarios(fixture_file(directory, profile, "scenarios.yaml"), profile)
    names = {scenario.name for scenario in scenarios}
    for position, agent in enumerate(agents):
        if agent.scenario not in names:
            raise FixtureError(
                f"{agents_file}: agents.{position}.scenario: unknown scenario "
                f"{agent.scenario!r}; known: {', '.join(sorted(names))}"
            )
    return FixtureSet(
        directory=directory,
        agents=tuple(a.to_agent() for a in agents),
        keys=tuple(k.to_key() for k in keys),
        scenarios=scenarios,
    )


def _scenarios(path: Path, profile: Profile) -> tuple[Scenario, ...]:
    entries = _load(path, ScenariosFile).scenarios
    scenarios = tuple(entry.to_scenario(name) for name, entry in entries.items())
    if "complete" not in entries:
        raise FixtureError(f"{path}: the default scenario 'complete' is missing")
    for scenario in scenarios:
        try:
            check_scenario(scenario, profile)
        except ScenarioError as error:
            raise FixtureError(f"{path}: {error}") from None
    return scenarios


def _load(path: Path, model: type[M]) -> M:
    try:
        return model.model_validate(read_yaml(path))
    except ValidationError as error:
        raise FixtureError(describe_validation_error(path, error)) from None


def read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FixtureError(f"{path}: file not found") from None
    except yaml.YAMLError as error:
        raise FixtureError(f"{path}: not valid YAML: {error}") from None


def describe_validation_error(path: Path, error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{path}: {where}: {first['msg']}"
