"""Serves the contract itself, as written, in YAML and JSON, and its Schemathesis config."""

from __future__ import annotations

from flask import Blueprint, Response

from mock_server.api.context import current_emulator
from mock_server.http.responses import json_response
from mock_server.resources import openapi_path, schemathesis_config_path

bp = Blueprint("spec", __name__)


@bp.get("/openapi.yaml")
def openapi_yaml() -> Response:
    return Response(openapi_path().read_bytes(), mimetype="application/yaml")


@bp.get("/openapi.json")
def openapi_json() -> Response:
    return json_response(200, current_emulator().contract.document)


@bp.get("/schemathesis.toml")
def schemathesis_toml() -> Response:
    """For `schemathesis --config-file` against the emulator or a deployment (see README)."""
    return Response(schemathesis_config_path().read_bytes(), mimetype="application/toml")
