"""The Agentwork runtime behind the current request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_server.apis.agentwork.contract import NAME
from mock_server.hosting.context import current_api

if TYPE_CHECKING:
    from mock_server.apis.agentwork.runtime import AgentworkRuntime
    from mock_server.http.operations import Call


def agentwork(call: Call | None = None) -> AgentworkRuntime:
    """The runtime answering `call` (carried by the call: no context lookup), else the one
    behind the current app."""
    if call is not None and call.api is not None:
        carried: AgentworkRuntime = call.api
        return carried
    api: AgentworkRuntime = current_api(NAME)  # type: ignore[assignment]
    return api
