"""The DocLD runtime behind the current request."""

from __future__ import annotations

from mock_server.apis.docld.runtime import DocldRuntime
from mock_server.apis.docld.spec import NAME
from mock_server.hosting.context import current_runtime


def docld() -> DocldRuntime:
    return current_runtime(NAME, DocldRuntime)
