"""The Sema4 API's part of /_mock: its agents and API keys, listed and added at run time."""

from __future__ import annotations

from typing import Literal

from flask import Blueprint, Response
from pydantic import Field

from mock_server.admin.bodies import Body, parse, parse_document
from mock_server.apis.sema4.domain.model import Agent
from mock_server.apis.sema4.fixtures import AgentEntry, agent_document
from mock_server.apis.sema4.http.context import sema4
from mock_server.core.errors import BadRequest, ValidationFailed
from mock_server.http.auth import ApiKey
from mock_server.http.journal import mask
from mock_server.http.responses import json_response

bp = Blueprint("sema4_control", __name__, url_prefix="/_mock")


class ScenarioChoice(Body):
    scenario: str


class NewKey(Body):
    key: str | None = Field(default=None, min_length=8)
    name: str = Field(min_length=1)
    tenant: str = Field(min_length=1)
    user_id: str = Field(min_length=1)
    permissions: tuple[Literal["read", "write"], ...] = ("read", "write")


@bp.get("/agents")
def list_agents() -> Response:
    return json_response(200, {"agents": [agent_document(a) for a in sema4().agents.all()]})


@bp.post("/agents")
def add_agent() -> Response:
    body = parse(AgentEntry)
    emulator = sema4()
    emulator.simulator.known(body.scenario, field="body.scenario", error=ValidationFailed)
    if emulator.agents.get(body.agent_id) is not None:
        raise BadRequest(f"Agent {body.agent_id} already exists.", field="agent_id")
    agent = body.to_agent()
    emulator.agents.add(agent)
    return json_response(201, agent_document(agent))


@bp.put("/agents/<agent_id>/scenario")
def set_agent_scenario(agent_id: str) -> Response:
    """The agent's default scenario for work items created from now on."""
    name = parse(ScenarioChoice).scenario
    emulator = sema4()
    emulator.simulator.known(name, field="body.scenario", error=ValidationFailed)
    agent = emulator.agents.find_any(agent_id)
    updated = Agent(agent.agent_id, agent.name, name, agent.tenants)
    emulator.agents.add(updated)
    return json_response(200, agent_document(updated))


@bp.get("/keys")
def list_keys() -> Response:
    keys = [
        {
            "key": mask(k.key),
            "name": k.name,
            "tenant": k.tenant_id,
            "user_id": k.user_id,
            "can_write": k.can_write,
        }
        for k in sema4().keys.all()
    ]
    return json_response(200, {"keys": keys})


@bp.post("/keys")
def add_key() -> Response:
    """Add a key (a random one when `key` is left out); the answer is the only place it shows."""
    body = parse(NewKey)
    emulator = sema4()
    secret = body.key or f"wim_{emulator.ids.secret()}"
    emulator.keys.add(
        ApiKey(secret, body.name, body.tenant, body.user_id, "write" in body.permissions)
    )
    return json_response(201, {"key": secret, "name": body.name, "tenant": body.tenant})


# The scenario routes from before /_mock/apis/<api>/... existed, kept for the Sema4 API.
@bp.get("/scenarios")
def list_scenarios() -> Response:
    return json_response(200, {"scenarios": sema4().scenarios()})


@bp.put("/scenarios/<name>")
def put_scenario(name: str) -> Response:
    """Create or replace a scenario, checked against the lifecycle like the fixtures are."""
    return json_response(200, sema4().put_scenario(name, parse_document()))


@bp.put("/work-items/<work_item_id>/scenario")
def set_work_item_scenario(work_item_id: str) -> Response:
    """Switch one work item's scenario; if it is still waiting to be picked up, at once."""
    return json_response(
        200, sema4().set_scenario(work_item_id, parse(ScenarioChoice).scenario).document
    )
