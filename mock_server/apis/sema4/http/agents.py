"""Handlers of `GET /agents` and `GET /agents/{aid}`: where a client finds an agent_id."""

from __future__ import annotations

from typing import Any

from mock_server.apis.sema4.domain.agent_pages import agent_page
from mock_server.apis.sema4.domain.model import Agent
from mock_server.apis.sema4.http.context import sema4
from mock_server.http.operations import Call, Handler, Reply


def agent_json(agent: Agent) -> dict[str, Any]:
    """FIDELITY: the official client's AgentCompat (`id`, `name`, `description`, `mode`)."""
    return {
        "id": agent.agent_id,
        "name": agent.name,
        "description": agent.description,
        "mode": agent.mode,
    }


def list_agents(call: Call) -> Reply:
    query = call.query
    page = agent_page(
        sema4(call).agents,
        call.principal.tenant_id,
        query["limit"],
        query.get("name"),
        query.get("next"),
    )
    body = {
        "next": page.next_token,
        "has_more": page.has_more,
        "data": [agent_json(a) for a in page.agents],
    }
    return Reply(200, body)


def get_agent(call: Call) -> Reply:
    agent = sema4(call).agents.find_by_id_or_name(call.principal.tenant_id, call.path["aid"])
    return Reply(200, agent_json(agent))


AGENT_HANDLERS: dict[str, Handler] = {"listAgents": list_agents, "getAgent": get_agent}
