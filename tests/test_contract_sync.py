"""The emulator and openapi.yaml cannot drift apart without a test failing."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from mock_server.apis.sema4.contract import openapi_path
from mock_server.apis.sema4.domain.profile import DOCUMENTED
from mock_server.apis.sema4.http.work_items import HANDLERS
from mock_server.core.schema import SUPPORTED_KEYWORDS
from tests.support.contract import contract

SCHEMA_CONTAINERS = {"properties"}  # keys whose values are maps of name -> schema


def test_openapi_yaml_lints_clean():
    document, _ = read_from_filename(str(openapi_path()))

    validate(document)


def test_the_spec_is_openapi_3_1():
    assert contract().document["openapi"].startswith("3.1")


def test_every_operation_has_a_handler_and_every_handler_an_operation():
    assert {op.operation_id for op in contract().operations} == set(HANDLERS)


def test_profile_statuses_equal_the_spec_enum():
    spec_statuses = contract().schema("WorkItemStatus")["enum"]

    assert tuple(spec_statuses) == DOCUMENTED.statuses


def test_callback_statuses_equal_the_spec_enum():
    assert tuple(contract().schema("CallbackStatus")["enum"]) == DOCUMENTED.callback_statuses


def _keywords(schema: Any, found: set[str]) -> None:
    if isinstance(schema, dict):
        for key, value in schema.items():
            found.add(key)
            if key in SCHEMA_CONTAINERS:
                for child in value.values():
                    _keywords(child, found)
            elif key in ("items", "additionalProperties") and isinstance(value, dict):
                _keywords(value, found)


def test_request_schemas_use_only_keywords_the_validator_implements():
    found: set[str] = set()
    for operation in contract().operations:
        for schema in operation.body_schemas.values():
            _keywords(schema, found)
        for parameter in operation.parameters:
            _keywords(parameter.schema, found)

    assert found - SUPPORTED_KEYWORDS == set()


def test_no_control_plane_path_leaks_into_the_contract():
    assert not [path for path in contract().document["paths"] if path.startswith("/_mock")]


def test_every_operation_documents_401_and_its_error_codes_use_the_envelope():
    for operation in contract().operations:
        assert "401" in operation.responses, operation.operation_id
        for status, response in operation.responses.items():
            if not status.startswith("2"):
                schema = response["content"]["application/json"]["schema"]
                assert schema["required"] == ["error"], (operation.operation_id, status)


def test_the_spec_linter_command_accepts_the_file():
    result = subprocess.run(
        [sys.executable, "-m", "openapi_spec_validator", str(openapi_path())],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _served_admin_spec() -> dict:
    from mock_server import create_app
    from mock_server.admin.contract import control_contract

    app = create_app()
    return control_contract(app.extensions["workitems_mock"])


def _documented_admin_routes() -> set[tuple[str, str]]:
    paths = _served_admin_spec()["paths"]
    return {
        (method.upper(), path)
        for path, item in paths.items()
        for method in item
        if method in ("get", "put", "post", "delete", "patch")
    }


def test_every_control_plane_route_is_in_its_own_spec_and_back():
    import re

    from mock_server import create_app

    served = set()
    for rule in create_app().url_map.iter_rules():
        if rule.rule.startswith("/_mock") and not rule.rule.endswith("/"):
            path = re.sub(r"<(?:path:)?([^>]+)>", lambda m: "{" + m.group(1) + "}", rule.rule)
            path = path.replace("{rest}", "{path}")
            served |= {(m, path) for m in (rule.methods or set()) - {"HEAD", "OPTIONS"}}

    assert served == _documented_admin_routes()


def test_the_control_plane_spec_lints_clean_and_is_served(anonymous):
    import yaml
    from openapi_spec_validator import validate

    document = _served_admin_spec()
    validate(document)
    assert yaml.safe_load(anonymous.get("/_mock/openapi.yaml").data) == document


def _link_targets(operation_id: str) -> set[str]:
    responses = contract().operation(operation_id).responses
    return {link["operationId"] for link in responses["200"].get("links", {}).values()}


def test_links_reach_every_operation_that_needs_an_id_from_create_upload_or_list():
    """The stateful contract suite can only exercise what the links lead to; operations with
    no path parameter need no link to be reached."""
    reachable = (
        _link_targets("createWorkItem") | _link_targets("uploadFile") | _link_targets("listAgents")
    )
    roots = {op.operation_id for op in contract().operations if "{" not in op.path}

    assert reachable | roots == set(HANDLERS)


def test_upload_links_to_finalizing_the_uploaded_item():
    links = contract().operation("uploadFile").responses["200"]["links"]

    assert links["FinalizeUploadedWorkItem"]["requestBody"] == {
        "work_item_id": "$response.body#/work_item_id"
    }
