"""The Agentwork plug-in: the Tasks API of seed 003, where a person answers the agent."""

from __future__ import annotations

from mock_server.apis.agentwork.contract import NAME
from mock_server.apis.agentwork.domain.lifecycle import LIFECYCLES
from mock_server.apis.agentwork.runtime import AgentworkRuntime
from mock_server.hosting.plugin import ApiPlugin
from mock_server.hosting.services import Services


def build(services: Services) -> AgentworkRuntime:
    return AgentworkRuntime(PLUGIN, services)


PLUGIN = ApiPlugin(
    name=NAME,
    title="Agentwork Tasks API",
    build=build,
    profiles=tuple(LIFECYCLES),  # agent-guide (with the spec phase) first: the default
    rank=10,
    summary="tasks for AI agents: answer questions, approve the spec and the solution",
)
