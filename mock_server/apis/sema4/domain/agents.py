"""The agents a tenant can assign work items to."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from mock_server.apis.sema4.domain.model import Agent
from mock_server.core.errors import NotFound


class AgentDirectory:
    """Known agents by id; fixtures fill it and the control plane may add more at run time."""

    def __init__(self, agents: Iterable[Agent] = ()) -> None:
        self._agents = {agent.agent_id: agent for agent in agents}
        self._lock = threading.Lock()

    def replace_all(self, agents: Iterable[Agent]) -> None:
        with self._lock:
            self._agents = {agent.agent_id: agent for agent in agents}

    def all(self) -> list[Agent]:
        return list(self._agents.values())

    def add(self, agent: Agent) -> None:
        with self._lock:
            self._agents[agent.agent_id] = agent

    def find(self, tenant_id: str, agent_id: str) -> Agent:
        """The agent, or NotFound when it does not exist in this tenant."""
        agent = self._agents.get(agent_id)
        if agent is None or not agent.visible_in(tenant_id):
            raise NotFound(
                f"Agent {agent_id} not found.",
                field="agent_id",
                issue=f"no agent {agent_id!r} in tenant {tenant_id!r}",
            )
        return agent

    def find_any(self, agent_id: str) -> Agent:
        """The agent in whatever tenant, or NotFound."""
        agent = self._agents.get(agent_id)
        if agent is None:
            known = ", ".join(sorted(self._agents))
            raise NotFound(
                f"Agent {agent_id} not found; known agents: {known}.",
                field="agent_id",
                issue=f"must be one of {known}",
            )
        return agent

    def get(self, agent_id: str) -> Agent | None:
        return self._agents.get(agent_id)

    def visible(self, tenant_id: str) -> list[Agent]:
        """The agents of a tenant, in the order they were added."""
        return [agent for agent in self._agents.values() if agent.visible_in(tenant_id)]

    def find_by_id_or_name(self, tenant_id: str, aid: str) -> Agent:
        """`GET /agents/{aid}`: the agent with this id, else the one with this exact name.

        INFERRED: the official client calls the operation `get_agent_by_name`, so a name is
        taken too; an id always wins.
        """
        agent = self._agents.get(aid)
        if agent is not None and agent.visible_in(tenant_id):
            return agent
        named = next((a for a in self.visible(tenant_id) if a.name == aid), None)
        if named is None:
            raise NotFound(
                f"Agent {aid} not found.",
                field="aid",
                issue=f"no agent with id or name {aid!r} in tenant {tenant_id!r}",
            )
        return named
