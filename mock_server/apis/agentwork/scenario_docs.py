"""Agentwork scenarios as the control plane takes them: checked like scenarios.yaml is."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from mock_server.apis.agentwork.engine.scenarios import (
    ScenarioError,
    check_scenario,
    scenario_to_json,
)
from mock_server.apis.agentwork.fixtures import ScenarioEntry
from mock_server.core.errors import BadRequest, ValidationFailed

if TYPE_CHECKING:
    from mock_server.apis.agentwork.runtime import AgentworkRuntime


def put_scenario(api: AgentworkRuntime, name: str, document: Any) -> dict[str, Any]:
    """Create or replace a scenario; tasks already playing it take the new steps from the
    step they reached."""
    try:
        entry = ScenarioEntry.model_validate(document)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in ("body", *first["loc"]))
        raise ValidationFailed(
            f"Request validation failed: {where}: {first['msg']}", field=where, issue=first["msg"]
        ) from None
    scenario = entry.to_scenario(name)
    try:
        check_scenario(scenario)
    except ScenarioError as error:
        raise BadRequest(str(error), field="body.steps") from None
    with api.lock:
        api.agent.scenarios[name] = scenario
    return {"name": name, **scenario_to_json(scenario)}
