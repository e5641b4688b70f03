"""Loads Agentwork accounts, keys and scenarios from a fixtures directory, naming the file and
the entry at fault on errors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mock_server.apis.agentwork.domain.accounts import Defaults
from mock_server.apis.agentwork.domain.keys import digest, listed_prefix
from mock_server.apis.agentwork.domain.model import Account, CreditPlan, KeyRecord, Organization
from mock_server.apis.agentwork.engine.scenarios import (
    FileTemplate,
    Scenario,
    ScenarioError,
    Step,
    check_scenario,
)

M = TypeVar("M", bound=BaseModel)


class FixtureError(ValueError):
    """A fixtures file is missing or malformed; the message names the file and the entry."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CreditsEntry(_Strict):
    daily_quota: int = Field(100, ge=0)  # FIDELITY: "100 credits per user per day"
    task_cost: int = Field(10, ge=0)  # inferred: "based on the amount of LLM processing"

    def to_plan(self) -> CreditPlan:
        return CreditPlan(self.daily_quota, self.task_cost)


class OrganizationEntry(_Strict):
    id: str = Field(min_length=1)
    short_id: str = Field(min_length=1)
    name: str = Field(min_length=1)


class AccountEntry(_Strict):
    user_id: str = Field(min_length=1)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    name: str | None = None
    password: str | None = None
    organization: OrganizationEntry | None
    scenario: str | None = None
    credits: CreditsEntry = CreditsEntry()

    def to_account(self) -> Account:
        org = self.organization
        return Account(
            user_id=self.user_id,
            email=self.email,
            name=self.name,
            organization=Organization(org.id, org.short_id, org.name) if org else None,
            password=self.password,
            scenario=self.scenario,
            credits=self.credits.to_plan(),
        )


class DefaultsEntry(_Strict):
    """What accounts made by `POST /auth/register` get."""

    scenario: str
    credits: CreditsEntry = CreditsEntry()


class AccountsFile(_Strict):
    defaults: DefaultsEntry
    accounts: list[AccountEntry]


class KeyEntry(_Strict):
    key: str = Field(pattern=r"^aw_live_[A-Za-z0-9]{8,}$")
    name: str = Field("API Key", min_length=1)
    email: str


class KeysFile(_Strict):
    keys: list[KeyEntry]


class FileEntry(_Strict):
    name: str = Field(min_length=1)
    content: str
    content_type: str = "text/plain"


class StepEntry(_Strict):
    after: float = Field(ge=0)
    action: str
    content: str | dict[str, Any]
    question_type: str = "CLARIFYING_QUESTIONS"
    revision: str | None = None
    revise_after: float | None = Field(None, ge=0)
    files: list[FileEntry] = []


class ScenarioEntry(_Strict):
    """A scenario as scenarios.yaml, a control-plane body or a state document writes it."""

    description: str = ""
    steps: list[StepEntry]

    def to_scenario(self, name: str) -> Scenario:
        steps = tuple(
            Step(
                s.after,
                s.action,
                s.content,
                s.question_type,
                s.revision,
                s.revise_after,
                tuple(FileTemplate(f.name, f.content, f.content_type) for f in s.files),
            )
            for s in self.steps
        )
        return Scenario(name, steps, self.description)


class ScenariosFile(_Strict):
    scenarios: dict[str, ScenarioEntry]


@dataclass(frozen=True)
class FixtureSet:
    directory: Path
    defaults: Defaults
    accounts: tuple[Account, ...]
    keys: tuple[KeyRecord, ...]
    scenarios: tuple[Scenario, ...]
    plain_keys: Mapping[str, str]  # email -> the first fixture key, for banners and tests


def load_fixtures(directory: Path) -> FixtureSet:
    """accounts.yaml, keys.yaml and scenarios.yaml of `directory`, checked against each other."""
    accounts_path, keys_path = directory / "accounts.yaml", directory / "keys.yaml"
    accounts_file = _load(accounts_path, AccountsFile)
    keys = _load(keys_path, KeysFile).keys
    scenarios = load_scenarios(directory / "scenarios.yaml")
    names = {scenario.name for scenario in scenarios}
    _check_accounts(accounts_path, accounts_file, names)
    by_email = {a.email.casefold(): a for a in accounts_file.accounts}
    for position, entry in enumerate(keys):
        owner = by_email.get(entry.email.casefold())
        if owner is None or owner.organization is None:
            problem = "no such account" if owner is None else "the account has no organization"
            raise FixtureError(f"{keys_path}: keys.{position}.email: {entry.email}: {problem}")
    if len({entry.key for entry in keys}) != len(keys):
        raise FixtureError(f"{keys_path}: a key is listed twice")
    defaults = accounts_file.defaults
    return FixtureSet(
        directory=directory,
        defaults=Defaults(defaults.scenario, defaults.credits.to_plan()),
        accounts=tuple(a.to_account() for a in accounts_file.accounts),
        keys=tuple(
            KeyRecord(
                digest(k.key), listed_prefix(k.key), k.name, by_email[k.email.casefold()].user_id
            )
            for k in keys
        ),
        scenarios=scenarios,
        plain_keys={k.email: k.key for k in reversed(keys)},
    )


def _check_accounts(path: Path, file: AccountsFile, scenarios: set[str]) -> None:
    known = ", ".join(sorted(scenarios))
    if file.defaults.scenario not in scenarios:
        raise FixtureError(
            f"{path}: defaults.scenario: unknown scenario {file.defaults.scenario!r}; "
            f"known: {known}"
        )
    emails: set[str] = set()
    user_ids: set[str] = set()
    for position, account in enumerate(file.accounts):
        where = f"{path}: accounts.{position}"
        if account.scenario is not None and account.scenario not in scenarios:
            raise FixtureError(
                f"{where}.scenario: unknown scenario {account.scenario!r}; known: {known}"
            )
        if account.email.casefold() in emails or account.user_id in user_ids:
            raise FixtureError(f"{where}: email or user_id {account.email} is listed twice")
        emails.add(account.email.casefold())
        user_ids.add(account.user_id)


def load_scenarios(path: Path) -> tuple[Scenario, ...]:
    entries = _load(path, ScenariosFile).scenarios
    scenarios = tuple(entry.to_scenario(name) for name, entry in entries.items())
    for scenario in scenarios:
        try:
            check_scenario(scenario)
        except ScenarioError as error:
            raise FixtureError(f"{path}: {error}") from None
    return scenarios


def _load(path: Path, model: type[M]) -> M:
    try:
        return model.model_validate(_read_yaml(path))
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise FixtureError(f"{path}: {where}: {first['msg']}") from None


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FixtureError(f"{path}: file not found") from None
    except yaml.YAMLError as error:
        raise FixtureError(f"{path}: not valid YAML: {error}") from None
