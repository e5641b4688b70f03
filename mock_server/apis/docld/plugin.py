"""The DocLD plug-in: the Workflows API of DocLD (seed 004), under /api and /api/v1."""

from __future__ import annotations

from mock_server.apis.docld.runtime import DocldRuntime
from mock_server.apis.docld.signing import DOCLD, sample_event
from mock_server.apis.docld.spec import NAME
from mock_server.hosting.plugin import ApiPlugin
from mock_server.hosting.services import Services


def build(services: Services) -> DocldRuntime:
    return DocldRuntime(PLUGIN, services)


PLUGIN = ApiPlugin(
    name=NAME,
    title="DocLD Workflows API",
    build=build,
    rank=40,
    signature_schemes={DOCLD.name: DOCLD},
    sample_webhook=sample_event,
    summary="document workflows: triggers, steps, executions with step logs, schedules, "
    "integrations, templates, signed event webhooks",
)
