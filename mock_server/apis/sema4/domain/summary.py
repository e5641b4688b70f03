"""`GET /work-items/summary`: how many work items each agent has in each status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from mock_server.apis.sema4.domain.model import Agent, Principal
from mock_server.apis.sema4.domain.service import WorkItemService


@dataclass(frozen=True)
class AgentCounts:
    agent: Agent
    counts: dict[str, int]  # status -> items, in the profile's order, statuses with none left out


def summarize(items: WorkItemService, who: Principal) -> list[AgentCounts]:
    """One entry per agent of the tenant that has work items, in the directory's order.

    FIDELITY: the platform's private `GET /summary` (§3.11): agents the caller can access only,
    items without an agent (upload stubs) left out, an empty list when there is nothing.
    """
    with items.lock:
        tenant_items = items.store.page({"tenant": who.tenant_id}, 0, len(items.store)).records
        counted = Counter((item.agent_id, item.status) for item in tenant_items if item.agent_id)
    summaries = []
    for agent in items.agents.visible(who.tenant_id):
        counts = {
            status: counted[(agent.agent_id, status)]
            for status in items.profile.statuses
            if counted[(agent.agent_id, status)]
        }
        if counts:
            summaries.append(AgentCounts(agent, counts))
    return summaries
