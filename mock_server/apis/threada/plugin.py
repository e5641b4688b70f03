"""The Threada plug-in: the WorkItems API reference (seed 002), at the server root."""

from __future__ import annotations

from mock_server.apis.threada.contract import NAME
from mock_server.apis.threada.runtime import ThreadaRuntime
from mock_server.hosting.plugin import ApiPlugin
from mock_server.hosting.services import Services


def build(services: Services) -> ThreadaRuntime:
    return ThreadaRuntime(PLUGIN, services)


PLUGIN = ApiPlugin(
    name=NAME,
    title="Threada WorkItems API",
    build=build,
    rank=20,
    summary="governed work items: scoped keys, decisions with receipts, idempotent executions",
)
