"""Serves the Sema4 contract at the server root, as written, in YAML and JSON, and its
Schemathesis config."""

from __future__ import annotations

from flask import Blueprint, Response

from mock_server.apis.sema4.http.context import sema4
from mock_server.http.responses import json_response

bp = Blueprint("sema4_spec", __name__)


@bp.get("/openapi.yaml")
def openapi_yaml() -> Response:
    return Response(sema4().contract_yaml(), mimetype="application/yaml")


@bp.get("/openapi.json")
def openapi_json() -> Response:
    return json_response(200, sema4().contract.document)


@bp.get("/schemathesis.toml")
def schemathesis_toml() -> Response:
    """For `schemathesis --config-file` against the emulator or a deployment (see README):
    the served profile's settings."""
    return Response(sema4().schemathesis_config().read_bytes(), mimetype="application/toml")
