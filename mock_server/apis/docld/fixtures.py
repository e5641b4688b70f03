"""Loads DocLD's fixtures (keys, integrations, templates, scenarios), naming the entry at fault."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mock_server.apis.docld.domain.integration_kinds import ConfigField, IntegrationKind
from mock_server.apis.docld.domain.keys import DocldKey
from mock_server.apis.docld.domain.model import Template
from mock_server.apis.docld.domain.scenarios import (
    DEFAULT_DOCUMENT,
    DEFAULT_EXECUTION,
    ScenarioBook,
)
from mock_server.apis.docld.domain.steps import parse_steps
from mock_server.apis.docld.domain.triggers import parse_trigger
from mock_server.apis.docld.domain.vocabulary import INTEGRATION_TYPES
from mock_server.apis.docld.scenario_entries import ScenariosFile
from mock_server.core.errors import DomainError

M = TypeVar("M", bound=BaseModel)
Tier = Literal["free", "standard", "premium"]
Category = Literal["invoice", "contract", "resume", "general"]
# Templates are checked at a fixed instant, so a fixture never depends on when it is loaded.
CHECKED_AT = datetime(2025, 1, 1, tzinfo=UTC)


class FixtureError(ValueError):
    """A fixtures file is missing or malformed; the message names the file and the entry."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TierLimits(_Strict):
    rate_limit_rpm: int = Field(ge=1)
    rate_limit_rpd: int = Field(ge=1)


class KeyEntry(_Strict):
    key: str = Field(pattern=r"^docld_[A-Za-z0-9_-]{8,}$")
    name: str = Field(min_length=1)
    tier: Tier
    organization_id: str = Field(min_length=1)
    user_id: str = Field(min_length=1)
    rate_limit_rpm: int | None = Field(default=None, ge=1)
    rate_limit_rpd: int | None = Field(default=None, ge=1)
    expires_at: datetime | None = None

    def to_key(self, tiers: Mapping[Tier, TierLimits]) -> DocldKey:
        limits = tiers[self.tier]
        return DocldKey(
            self.key, self.name, self.tier, self.organization_id, self.user_id,
            self.rate_limit_rpm or limits.rate_limit_rpm,
            self.rate_limit_rpd or limits.rate_limit_rpd,
            self.expires_at.astimezone(UTC) if self.expires_at else None,
        )  # fmt: skip


class KeysFile(_Strict):
    tiers: dict[Tier, TierLimits]
    keys: list[KeyEntry]


class FieldEntry(_Strict):
    name: str = Field(min_length=1)
    kind: Literal["text", "url", "emails", "headers", "method"]
    required: bool = False


class KindEntry(_Strict):
    inbox: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
    fields: list[FieldEntry] = Field(min_length=1)


class IntegrationsFile(_Strict):
    integration_types: dict[Literal["slack", "email", "webhook"], KindEntry]


class TemplateEntry(_Strict):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    description: str
    category: Category
    trigger_type: str
    trigger_config: dict[str, Any] = {}
    definition: dict[str, Any]


class TemplatesFile(_Strict):
    templates: list[TemplateEntry]


@dataclass(frozen=True)
class FixtureSet:
    directory: Path
    keys: tuple[DocldKey, ...]
    kinds: dict[str, IntegrationKind]
    templates: tuple[Template, ...]
    scenarios: ScenarioBook


def load_fixtures(directory: Path) -> FixtureSet:
    keys_file = _load(directory / "keys.yaml", KeysFile)
    missing = [t for t in ("free", "standard", "premium") if t not in keys_file.tiers]
    if missing:
        raise FixtureError(f"{directory / 'keys.yaml'}: tiers: {', '.join(missing)} missing")
    scenarios = _load(directory / "scenarios.yaml", ScenariosFile)
    try:
        book = scenarios.to_book()
    except ValueError as error:
        raise FixtureError(f"{directory / 'scenarios.yaml'}: {error}") from None
    return FixtureSet(
        directory=directory,
        keys=tuple(k.to_key(keys_file.tiers) for k in keys_file.keys),
        kinds=_kinds(directory / "integrations.yaml"),
        templates=_templates(directory / "templates.yaml"),
        scenarios=book,
    )


def _kinds(path: Path) -> dict[str, IntegrationKind]:
    entries = _load(path, IntegrationsFile).integration_types
    missing = [name for name in INTEGRATION_TYPES if name not in entries]
    if missing:
        raise FixtureError(f"{path}: integration_types: {', '.join(missing)} missing")
    return {
        name: IntegrationKind(
            name, tuple(ConfigField(f.name, f.kind, f.required) for f in entry.fields), entry.inbox
        )
        for name, entry in entries.items()
    }


def _templates(path: Path) -> tuple[Template, ...]:
    found = []
    for position, entry in enumerate(_load(path, TemplatesFile).templates):
        try:
            trigger = parse_trigger(entry.trigger_type, entry.trigger_config, CHECKED_AT)
            steps = parse_steps(entry.definition.get("steps"), lambda _: False)
        except DomainError as error:
            raise FixtureError(f"{path}: templates.{position}: {error.message}") from None
        found.append(
            Template(entry.id, entry.name, entry.description, entry.category, trigger, steps)
        )
    return tuple(found)


def _load(path: Path, model: type[M]) -> M:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FixtureError(f"{path}: file not found") from None
    except yaml.YAMLError as error:
        raise FixtureError(f"{path}: not valid YAML: {error}") from None
    try:
        return model.model_validate(document)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise FixtureError(f"{path}: {where}: {first['msg']}") from None


__all__ = ["DEFAULT_DOCUMENT", "DEFAULT_EXECUTION", "FixtureError", "FixtureSet", "load_fixtures"]
