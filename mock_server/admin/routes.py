"""Control-plane routes under /_mock: health, its own contract, any resource by id."""

from __future__ import annotations

from flask import Blueprint, Response

from mock_server.admin.contract import control_contract_yaml
from mock_server.admin.inspector.pages import missing_page, resource_page
from mock_server.admin.inspector.render import is_browser
from mock_server.core.errors import NotFound
from mock_server.hosting.context import current_emulator
from mock_server.http.responses import json_response

bp = Blueprint("admin", __name__, url_prefix="/_mock")
health_bp = Blueprint("health", __name__, url_prefix="/_mock")


@health_bp.get("/health")
def health() -> Response:
    """Always served, even with --no-admin: what readiness probes wait for."""
    return json_response(200, {"status": "ok"})


@bp.get("/openapi.yaml")
def admin_spec() -> Response:
    """The control plane's own contract (the shared part and every API's), never an API's."""
    return Response(control_contract_yaml(current_emulator()), mimetype="application/yaml")


@bp.get("/work-items/<work_item_id>")
def work_item(work_item_id: str) -> Response | str:
    """Any API's resource in any tenant, the target of `work_item_url`: an inspector page for
    a browser, JSON with everything the API shows of it for everyone else."""
    emulator = current_emulator()
    api = emulator.find(work_item_id)
    view = api.view(work_item_id) if api else None
    if api is None or view is None:
        if is_browser():
            return missing_page(f"work item {work_item_id}")
        raise NotFound(f"Work item {work_item_id} not found.", field="work_item_id")
    if is_browser():
        return resource_page(emulator, api, view)
    return json_response(200, {"api": api.name, "tenant_id": view.tenant, **view.document})
