"""The hosted APIs under /_mock/apis: what they are, their contracts, their scenarios."""

from __future__ import annotations

from flask import Blueprint, Response

from mock_server.admin.bodies import Body, parse, parse_document
from mock_server.core.errors import NotFound
from mock_server.hosting.context import current_api, current_emulator
from mock_server.http.responses import json_response

bp = Blueprint("apis", __name__, url_prefix="/_mock/apis")


class ScenarioChoice(Body):
    scenario: str


@bp.get("")
def list_apis() -> Response:
    return json_response(200, {"apis": [a.describe() for a in current_emulator().apis.values()]})


@bp.get("/<api>")
def get_api(api: str) -> Response:
    return json_response(200, current_api(api).describe())


@bp.get("/<api>/openapi.yaml")
def contract_yaml(api: str) -> Response:
    return Response(current_api(api).contract_yaml(), mimetype="application/yaml")


@bp.get("/<api>/openapi.json")
def contract_json(api: str) -> Response:
    return json_response(200, current_api(api).contract.document)


@bp.get("/<api>/schemathesis.toml")
def schemathesis_toml(api: str) -> Response:
    """The Schemathesis settings for the contract above, for `schemathesis --config-file`."""
    hosted = current_api(api)
    config = hosted.schemathesis_config()
    if config is None:
        raise NotFound(
            f"API {api!r} ships no Schemathesis settings",
            field="api",
            issue="no schemathesis.toml for this API",
        )
    return Response(config.read_bytes(), mimetype="application/toml")


@bp.get("/<api>/scenarios")
def list_scenarios(api: str) -> Response:
    return json_response(200, {"scenarios": current_api(api).scenarios()})


@bp.put("/<api>/scenarios/<name>")
def put_scenario(api: str, name: str) -> Response:
    """Create or replace a scenario, checked against the API's lifecycle."""
    return json_response(200, current_api(api).put_scenario(name, parse_document()))


@bp.put("/<api>/resources/<resource_id>/scenario")
def set_resource_scenario(api: str, resource_id: str) -> Response:
    """Switch one resource's scenario; at once if it is still waiting to be picked up."""
    hosted = current_api(api)
    view = hosted.set_scenario(resource_id, parse(ScenarioChoice).scenario)
    return json_response(200, view.document)
