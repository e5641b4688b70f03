"""Where a browser lands: `/` and `/_mock` lead to the inspector; `/_mock` lists the rest."""

from __future__ import annotations

from flask import Blueprint, abort, redirect
from werkzeug.wrappers import Response

from mock_server.admin.inspector.render import is_browser
from mock_server.hosting.context import current_emulator
from mock_server.http.responses import json_response

bp = Blueprint("home", __name__)
INSPECTOR = "/_mock/inspector"


@bp.get("/", provide_automatic_options=False)
def root() -> Response:
    """A browser goes to the inspector; any other client gets the 404 it always got."""
    if is_browser():
        return redirect(INSPECTOR, code=302)
    abort(404)


@bp.get("/_mock", provide_automatic_options=False)
def control_plane_root() -> Response:
    """The inspector for a browser; for anyone else, where the control plane's parts are."""
    if is_browser():
        return redirect(INSPECTOR, code=302)
    base = current_emulator().settings.base_url
    return json_response(
        200,
        {
            "inspector": f"{base}{INSPECTOR}",
            "contract": f"{base}/_mock/openapi.yaml",
            "apis": f"{base}/_mock/apis",
            "health": f"{base}/_mock/health",
        },
    )
