"""Serves the contract itself, as written, in YAML and JSON."""

from __future__ import annotations

from flask import Blueprint, Response

from mock_server.hosting.context import current_emulator
from mock_server.http.responses import json_response
from mock_server.resources import openapi_path

bp = Blueprint("spec", __name__)


@bp.get("/openapi.yaml")
def openapi_yaml() -> Response:
    return Response(openapi_path().read_bytes(), mimetype="application/yaml")


@bp.get("/openapi.json")
def openapi_json() -> Response:
    return json_response(200, current_emulator().contract.document)
