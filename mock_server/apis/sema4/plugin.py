"""The Sema4 plug-in: the documented Work Item API (seed 000), served first."""

from __future__ import annotations

from mock_server.apis.sema4.contract import NAME
from mock_server.apis.sema4.domain.profile import PROFILES
from mock_server.apis.sema4.runtime import Sema4Runtime
from mock_server.apis.sema4.signing import SEMA4, sample_callback
from mock_server.hosting.plugin import ApiPlugin
from mock_server.hosting.services import Services


def build(services: Services) -> Sema4Runtime:
    return Sema4Runtime(PLUGIN, services)


PLUGIN = ApiPlugin(
    name=NAME,
    title="Sema4.ai Work Item API",
    build=build,
    profiles=tuple(PROFILES),
    rank=0,
    signature_schemes={SEMA4.name: SEMA4},
    sample_webhook=sample_callback,
    summary="work items for Sema4.ai agents: create, files, continue/restart/cancel/complete",
)
