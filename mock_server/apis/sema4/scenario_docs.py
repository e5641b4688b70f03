"""Sema4 scenarios as the control plane and snapshots show and take them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from mock_server.apis.sema4.engine.scenarios import ScenarioError, check_scenario, scenario_to_json
from mock_server.apis.sema4.fixtures import ScenarioEntry
from mock_server.core.errors import BadRequest, ValidationFailed

if TYPE_CHECKING:
    from mock_server.apis.sema4.runtime import Sema4Runtime


def scenario_documents(api: Sema4Runtime) -> list[dict[str, Any]]:
    return [scenario_to_json(s) for s in api.simulator.scenarios.values()]


def put_scenario(api: Sema4Runtime, name: str, document: Any) -> dict[str, Any]:
    """Create or replace a scenario, checked against the lifecycle like the fixtures are."""
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
        check_scenario(scenario, api.profile)
    except ScenarioError as error:
        raise BadRequest(str(error), field="runs") from None
    api.simulator.scenarios[name] = scenario
    return scenario_to_json(scenario)
