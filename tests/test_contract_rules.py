"""What openapi.yaml writes about rules no schema can hold matches what the emulator does."""

from __future__ import annotations

import re

import pytest

from mock_server.apis.sema4.domain.profile import DOCUMENTED
from mock_server.apis.sema4.http.work_items import HANDLERS
from tests.support.contract import contract

# The lifecycle action behind each operation's state precondition.
ACTION_OF = {
    "createWorkItem": "finalize",
    "uploadFile": "attach_file",
    "confirmFile": "attach_file",
    "continueWorkItem": "continue",
    "restartWorkItem": "restart",
    "cancelWorkItem": "cancel",
    "completeWorkItem": "complete",
}
PRECONDITION = re.compile(
    r"allowed only while the work item is (.+?);\s+otherwise\s+412", re.IGNORECASE | re.DOTALL
)


def _documented_sources(operation_id: str) -> set[str] | None:
    spec = contract().resolved["paths"]
    for item in spec.values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                found = PRECONDITION.search(operation.get("description", ""))
                return set(re.findall(r"[A-Z]{4,}", found.group(1))) if found else None
    raise KeyError(operation_id)


@pytest.mark.parametrize("operation", contract().operations, ids=lambda op: op.operation_id)
def test_each_state_precondition_is_written_on_its_operation_as_the_profile_has_it(operation):
    documented = _documented_sources(operation.operation_id)
    action = ACTION_OF.get(operation.operation_id)

    assert ("412" in operation.responses) == (action is not None)
    if action is None:
        assert documented is None
    else:
        assert documented == set(DOCUMENTED.table.rule(action).sources)


def _links(operation_id: str) -> dict[str, dict]:
    links: dict[str, dict] = contract().operation(operation_id).responses["200"].get("links", {})
    return links


def _takes_an_id(operation_id: str) -> bool:
    operation = contract().operation(operation_id)
    in_parameters = any(p.name == "work_item_id" for p in operation.parameters)
    in_body = any(
        "work_item_id" in schema.get("properties", {}) for schema in operation.body_schemas.values()
    )
    return in_parameters or in_body


def test_every_operation_that_takes_an_id_is_linked_from_create_or_upload():
    linked = {
        link["operationId"]
        for source in ("createWorkItem", "uploadFile")
        for link in _links(source).values()
    }

    assert {op for op in HANDLERS if _takes_an_id(op)} <= linked


@pytest.mark.parametrize("source", ["createWorkItem", "uploadFile"])
def test_links_hand_on_the_work_item_of_the_response(source):
    for name, link in _links(source).items():
        values = {**link.get("parameters", {}), **link.get("requestBody", {})}
        ids = {key: value for key, value in values.items() if key.endswith("work_item_id")}
        if _takes_an_id(link["operationId"]) and link["operationId"] != "listWorkItems":
            assert ids, name
        assert set(ids.values()) <= {"$response.body#/work_item_id"}, name


def test_the_upload_links_name_the_id_where_the_platform_and_the_docs_put_it():
    another = _links("uploadFile")["UploadAnotherFile"]

    assert another["parameters"] == {"query.work_item_id": "$response.body#/work_item_id"}
    assert another["requestBody"] == {"work_item_id": "$response.body#/work_item_id"}


def test_a_file_is_confirmed_with_the_ids_the_upload_answered():
    confirm = _links("uploadFile")["ConfirmUploadedFile"]

    assert confirm["requestBody"] == {
        "file_id": "$response.body#/file_id",
        "file_ref": "$response.body#/file_ref",
    }


def test_the_remote_upload_name_is_the_filename_rule():
    form = contract().operation("uploadFile").body_schemas["application/x-www-form-urlencoded"]

    assert form["properties"]["file"] == contract().schema("FileName")
