"""The Sema4 runtime behind the current request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_server.apis.sema4.contract import NAME
from mock_server.hosting.context import current_api

if TYPE_CHECKING:
    from mock_server.apis.sema4.runtime import Sema4Runtime


def sema4() -> Sema4Runtime:
    api: Sema4Runtime = current_api(NAME)  # type: ignore[assignment]
    return api
