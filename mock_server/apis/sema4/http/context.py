"""The Sema4 runtime behind the current request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_server.apis.sema4.contract import NAME
from mock_server.hosting.context import current_api

if TYPE_CHECKING:
    from mock_server.apis.sema4.runtime import Sema4Runtime
    from mock_server.http.operations import Call


def sema4(call: Call | None = None) -> Sema4Runtime:
    """The runtime answering `call` (carried by the call: no context lookup), else the one
    behind the current app."""
    if call is not None and call.api is not None:
        carried: Sema4Runtime = call.api
        return carried
    api: Sema4Runtime = current_api(NAME)  # type: ignore[assignment]
    return api
