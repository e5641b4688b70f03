"""`GET /agents`: cursor pages of a tenant's agents, filtered by the start of their name."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from mock_server.apis.sema4.domain.agents import AgentDirectory
from mock_server.apis.sema4.domain.model import Agent
from mock_server.core.errors import BadRequest


@dataclass(frozen=True)
class AgentPage:
    agents: list[Agent]
    next_token: str | None  # None on the last page (then has_more is false)

    @property
    def has_more(self) -> bool:
        return self.next_token is not None


def token_for(agent: Agent) -> str:
    """An opaque cursor naming the first agent of the next page (stable when agents are added)."""
    return base64.urlsafe_b64encode(agent.agent_id.encode()).decode().rstrip("=")


def _agent_id_in(token: str) -> str:
    try:
        return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise BadRequest(
            f"Invalid next token: {token}",
            field="next",
            issue="pass the `next` of the previous page as it was",
        ) from None


def agent_page(
    agents: AgentDirectory, tenant_id: str, limit: int, name: str | None, token: str | None
) -> AgentPage:
    """One page of the tenant's agents whose name starts with `name` (ignoring case).

    FIDELITY: the shape and the name filter of the platform's `GET /agents` (the official
    client's PaginatedResponse, "starts with, case insensitive"); INFERRED: the order (as the
    agents were added), the token's form and the 400 for a token that names no agent.
    """
    prefix = name.casefold() if name else ""
    matching = [a for a in agents.visible(tenant_id) if a.name.casefold().startswith(prefix)]
    start = 0
    if token is not None:
        wanted = _agent_id_in(token)
        start = next((i for i, a in enumerate(matching) if a.agent_id == wanted), -1)
        if start < 0:
            raise BadRequest(
                f"Invalid next token: {token}",
                field="next",
                issue="the token names no agent of this listing",
            )
    chosen = matching[start : start + limit]
    following = matching[start + limit] if start + limit < len(matching) else None
    return AgentPage(chosen, token_for(following) if following is not None else None)
