"""Puts every API's routes on the app: its contract's operations at each of its mounts."""

from __future__ import annotations

from collections.abc import Iterable

from flask import Blueprint, Flask

from mock_server.hosting.plugin import ApiRuntime
from mock_server.http.operations import bind


def api_blueprint(api: ApiRuntime) -> Blueprint:
    """The contract's operations, routed and validated from it, answered by its handlers."""
    blueprint = Blueprint(f"{api.name}_operations", __name__)
    bind(
        blueprint,
        api.contract.operations,
        api.handlers(),
        authenticate=api.authenticate,
        limits=api.limits,
        slash_tolerant=api.slash_tolerant,
        api=api,
    )
    return blueprint


def mount_apis(app: Flask, apis: Iterable[ApiRuntime]) -> dict[str, ApiRuntime]:
    """Register each API's blueprints; the answer maps blueprint names to their API, which
    is how an error or a journal entry knows whose envelope and resource it is."""
    owners: dict[str, ApiRuntime] = {}
    for api in apis:
        operations = api_blueprint(api)
        for mount in api.mounts():
            app.register_blueprint(operations, url_prefix=mount.prefix, name=mount.name)
            owners[mount.name] = api
        for extra in api.extra_blueprints():
            app.register_blueprint(extra)
            owners[extra.name] = api
    return owners
