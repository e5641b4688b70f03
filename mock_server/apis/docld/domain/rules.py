"""What makes a workflow definition valid: DocLD's rules, applied to a create or an update."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mock_server.apis.docld.domain.invalid import refuse
from mock_server.apis.docld.domain.model import Step, Trigger, Workflow
from mock_server.apis.docld.domain.steps import IntegrationExists, parse_steps
from mock_server.apis.docld.domain.triggers import parse_trigger

MAX_NAME = 200
MAX_DESCRIPTION = 2000


@dataclass(frozen=True, slots=True)
class WorkflowDraft:
    """A checked workflow body, before it has an id."""

    name: str
    description: str | None
    steps: tuple[Step, ...]
    trigger: Trigger
    enabled: bool


def trigger_config(trigger: Trigger) -> dict[str, Any]:
    """The trigger as a client writes it (the canonical spelling)."""
    if trigger.type == "event":
        return {"event": trigger.event, "filters": dict(trigger.filters)}
    if trigger.type == "scheduled":
        return {"cron_expression": trigger.cron_expression, "timezone": trigger.timezone}
    return {}


def parse_workflow(
    body: Mapping[str, Any],
    *,
    now: datetime,
    integration_exists: IntegrationExists,
    base: Workflow | None = None,
) -> WorkflowDraft:
    """A create's body (`base` None: name, definition and trigger_type required) or an
    update's (fields left out keep `base`'s values); ValidationFailed names the field."""
    for required in ("name", "definition", "trigger_type"):
        if base is None and required not in body:
            refuse(required, "is required")
    name = _name(body["name"]) if "name" in body else _kept(base).name
    description = _description(body["description"]) if "description" in body else None
    if "description" not in body and base is not None:
        description = base.description
    if "definition" in body:
        steps = parse_steps(_definition(body["definition"]), integration_exists)
    else:
        steps = _kept(base).steps
    enabled = body.get("enabled", True if base is None else base.enabled)
    if not isinstance(enabled, bool):
        refuse("enabled", "must be true or false")
    return WorkflowDraft(name, description, steps, _trigger(body, now, base), enabled)


def _kept(base: Workflow | None) -> Workflow:
    assert base is not None  # a create has every required field
    return base


def _trigger(body: Mapping[str, Any], now: datetime, base: Workflow | None) -> Trigger:
    if base is not None and "trigger_type" not in body and "trigger_config" not in body:
        return base.trigger
    kind = body["trigger_type"] if "trigger_type" in body else _kept(base).trigger.type
    if "trigger_config" in body:
        config = body["trigger_config"]
        if config is not None and not isinstance(config, Mapping):
            refuse("trigger_config", "must be an object")
    elif base is not None and base.trigger.type == kind:
        config = trigger_config(base.trigger)
    else:
        config = {}  # a new trigger type starts from an empty config
    return parse_trigger(kind, config, now)


def _name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        refuse("name", "must be a non-empty string")
    if len(value) > MAX_NAME:
        refuse("name", f"must be at most {MAX_NAME} characters long")
    return value


def _description(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        refuse("description", "must be a string or null")
    if value is not None and len(value) > MAX_DESCRIPTION:
        refuse("description", f"must be at most {MAX_DESCRIPTION} characters long")
    return value


def _definition(value: Any) -> Any:
    if not isinstance(value, Mapping) or "steps" not in value:
        refuse("definition", "must be an object with a steps list")
    return value["steps"]
