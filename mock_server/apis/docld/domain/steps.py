"""Workflow steps: each has a known type and a unique id, and the config its type needs."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mock_server.apis.docld.domain.conditions import OPERATORS
from mock_server.apis.docld.domain.invalid import refuse
from mock_server.apis.docld.domain.model import Step
from mock_server.apis.docld.domain.vocabulary import STEP_TYPES

IntegrationExists = Callable[[str], bool]
FIELD = "definition.steps"


def parse_steps(raw: Any, integration_exists: IntegrationExists) -> tuple[Step, ...]:
    """The steps of a definition, or ValidationFailed naming the step and field at fault."""
    if not isinstance(raw, list) or not raw:
        refuse(FIELD, "must be a list of at least one step")
    steps: list[Step] = []
    seen: set[str] = set()
    for position, entry in enumerate(raw):
        where = f"{FIELD}[{position}]"
        step = _step(entry, where)
        if step.id in seen:
            refuse(f"{where}.id", f"step id {step.id!r} is used twice; step ids must be unique")
        seen.add(step.id)
        _check_config(step, where, integration_exists)
        steps.append(step)
    return tuple(steps)


def _step(entry: Any, where: str) -> Step:
    if not isinstance(entry, Mapping):
        refuse(where, "must be an object with id, type and config")
    step_id, kind = entry.get("id"), entry.get("type")
    if not isinstance(step_id, str) or not step_id.strip():
        refuse(f"{where}.id", "must be a non-empty string")
    if kind not in STEP_TYPES:
        refuse(f"{where}.type", f"must be one of {', '.join(STEP_TYPES)}, not {kind!r}")
    config = entry.get("config") or {}
    if not isinstance(config, Mapping):
        refuse(f"{where}.config", "must be an object")
    name = entry.get("name")
    if name is not None and not isinstance(name, str):
        refuse(f"{where}.name", "must be a string")
    return Step(step_id, kind, dict(config), name)


def _check_config(step: Step, where: str, integration_exists: IntegrationExists) -> None:
    config, at = step.config, f"{where}.config"
    if step.type == "extract":
        _text(config, "schema_id", at, "an extract step needs the extraction schema's id")
    elif step.type == "integration":
        integration_id = _text(config, "integration_id", at, "an integration step needs one")
        if not integration_exists(integration_id):
            refuse(f"{at}.integration_id", f"no integration {integration_id!r} exists")
        _optional_text(config, "template", at)
    elif step.type == "condition":
        _text(config, "field", at, "a condition step compares a field of the upstream output")
        operator = config.get("operator")
        if operator not in OPERATORS:
            refuse(f"{at}.operator", f"must be one of {', '.join(OPERATORS)}, not {operator!r}")
        if operator != "exists" and "value" not in config:
            refuse(f"{at}.value", f"operator {operator!r} compares with a value")
    elif step.type == "transform":
        _optional_text(config, "expression", at)
    elif step.type == "parse" and not isinstance(config.get("agentic", False), bool):
        refuse(f"{at}.agentic", "must be true or false")


def _text(config: Mapping[str, Any], key: str, at: str, why: str) -> str:
    value = config.get(key)
    if not isinstance(value, str) or not value.strip():
        refuse(f"{at}.{key}", f"is required: {why}")
    return value


def _optional_text(config: Mapping[str, Any], key: str, at: str) -> None:
    if key in config and not isinstance(config[key], str):
        refuse(f"{at}.{key}", "must be a string")


def integrations_used(steps: tuple[Step, ...]) -> set[str]:
    return {str(s.config["integration_id"]) for s in steps if s.type == "integration"}
