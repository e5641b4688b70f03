"""The Agentwork runtime behind the current request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_server.apis.agentwork.contract import NAME
from mock_server.hosting.context import current_api

if TYPE_CHECKING:
    from mock_server.apis.agentwork.runtime import AgentworkRuntime


def agentwork() -> AgentworkRuntime:
    api: AgentworkRuntime = current_api(NAME)  # type: ignore[assignment]
    return api
