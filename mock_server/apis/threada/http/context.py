"""The Threada runtime and the caller behind the current request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_server.apis.threada.contract import NAME
from mock_server.apis.threada.domain.access import Caller
from mock_server.hosting.context import current_api
from mock_server.http.operations import Call

if TYPE_CHECKING:
    from mock_server.apis.threada.runtime import ThreadaRuntime


def threada() -> ThreadaRuntime:
    api: ThreadaRuntime = current_api(NAME)  # type: ignore[assignment]
    return api


def caller(call: Call) -> Caller:
    """The call's principal, which Threada's `authenticate` always makes a Caller."""
    principal = call.principal
    assert isinstance(principal, Caller)
    return principal
