"""Threada's decisioning scenarios as the control plane shows and takes them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from mock_server.apis.threada.domain.scenarios import ScenarioError, scenario_to_json
from mock_server.apis.threada.fixture_entries import ScenarioEntry
from mock_server.core.errors import BadRequest, ValidationFailed

if TYPE_CHECKING:
    from mock_server.apis.threada.runtime import ThreadaRuntime


def scenario_documents(api: ThreadaRuntime) -> list[dict[str, Any]]:
    return [scenario_to_json(s) for s in api.service.scenarios.all()]


def put_scenario(api: ThreadaRuntime, name: str, document: Any) -> dict[str, Any]:
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
    with api.lock:
        try:
            api.service.scenarios.put(scenario)
        except ScenarioError as error:
            raise BadRequest(str(error), field="steps") from None
    return scenario_to_json(scenario)
