"""Control-plane routes under /_mock: health and work-item inspection."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, request

from mock_server.admin.inspector import work_item_page
from mock_server.apis.sema4.http.representation import work_item_json
from mock_server.core.errors import NotFound
from mock_server.hosting.context import current_emulator
from mock_server.http.responses import json_response

bp = Blueprint("admin", __name__, url_prefix="/_mock")
health_bp = Blueprint("health", __name__, url_prefix="/_mock")


@health_bp.get("/health")
def health() -> Response:
    """Always served, even with --no-admin: what readiness probes wait for."""
    return json_response(200, {"status": "ok"})


ADMIN_SPEC = Path(__file__).with_name("openapi.yaml")


@bp.get("/openapi.yaml")
def admin_spec() -> Response:
    """The control plane's own contract (never part of the API's)."""
    return Response(ADMIN_SPEC.read_bytes(), mimetype="application/yaml")


@bp.get("/work-items/<work_item_id>")
def work_item(work_item_id: str) -> Response | str:
    """Any tenant's work item, the target of `work_item_url`: an inspector page for a browser,
    JSON with its messages for everyone else."""
    emulator = current_emulator()
    item = emulator.items.store.get(work_item_id)
    if item is None:
        raise NotFound(f"Work item {work_item_id} not found.", field="work_item_id")
    if request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html":
        return work_item_page(emulator, item)
    body = work_item_json(item, with_messages=True, url=emulator.url_of(item))
    return json_response(200, {"tenant_id": item.tenant_id, **body})
