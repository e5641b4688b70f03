"""Work items as the platform shows them: its fields, UUID ids, its envelope, its names."""

from __future__ import annotations

import uuid

import pytest

from mock_server.apis.sema4.domain.profile import PLATFORM
from tests.support.platform import API, DEVELOPER, INVOICES, UNKNOWN, create
from tests.support.workitems import state_of

MESSAGE = {
    "role": "user",
    "content": [{"text": "hello", "kind": "text", "complete": False}],
    "complete": False,
    "commited": False,
}


def test_a_created_item_carries_the_platforms_fields_in_its_order(client):
    item = create(client, messages=[MESSAGE])

    assert list(item) == list(PLATFORM.item_fields)
    assert item["status"] == "PENDING"
    assert (item["user_id"], item["created_by"]) == (PLATFORM.owner_user_id, DEVELOPER)
    assert (item["status_updated_by"], item["completed_by"]) == ("HUMAN", None)
    assert (item["user_subject"], item["work_item_url"], item["thread_id"]) == (None, None, None)
    assert item["messages"] == item["initial_messages"] == [MESSAGE]
    assert item["work_item_name"] == f"Work Item {item['work_item_id']}"
    assert uuid.UUID(item["work_item_id"]).version == 4


def test_reads_show_the_owner_as_subject_and_no_url_before_a_run(client):
    item_id = create(client)["work_item_id"]

    item = client.get(f"{API}/{item_id}").json

    assert item["user_subject"] == PLATFORM.owner_user_id
    assert item["work_item_url"] is None


def test_the_url_appears_on_reads_once_a_run_has_a_thread_but_never_on_writes(client, advance):
    item_id = create(client)["work_item_id"]
    advance(3)

    read = client.get(f"{API}/{item_id}").json
    listed = client.get(API).json["records"][0]
    written = client.post(f"{API}/{item_id}/continue").json

    assert read["thread_id"]
    assert read["work_item_url"].endswith(item_id)
    assert listed["work_item_url"] == read["work_item_url"]
    assert written["work_item_url"] is None


@pytest.mark.parametrize(
    ("given", "stored"),
    [("  Invoice 42  ", "Invoice 42"), ("   ", None), ("n" * 300, "n" * 252 + "...")],
)
def test_names_are_normalised_and_blank_ones_get_the_default(client, given, stored):
    item = create(client, work_item_name=given)

    assert item["work_item_name"] == (stored or f"Work Item {item['work_item_id']}")


def test_an_unknown_id_is_404_in_the_platform_envelope(client):
    response = client.get(f"{API}/{UNKNOWN}")

    error = response.json["error"]
    assert response.status_code == 404
    assert list(error) == ["error_id", "code", "message", "work_item_id"]
    assert (error["code"], error["message"], error["work_item_id"]) == (
        "not_found",
        "A work item with the given ID was not found",
        UNKNOWN,
    )
    assert uuid.UUID(error["error_id"])


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", f"{API}/nope", None),
        ("post", f"{API}/nope/cancel", None),
        ("delete", f"{API}/nope", None),
        ("get", f"{API}?agent_id=nope", None),
        ("get", f"{API}?created_by=nope", None),
        ("post", API, {"agent_id": "nope"}),
        ("post", API, {"agent_id": INVOICES, "work_item_id": "nope"}),
    ],
)
def test_an_id_that_is_not_a_uuid_is_400_invalid_uuid(client, emulator, method, path, body):
    before = state_of(emulator)

    response = getattr(client, method)(path, json=body)

    assert response.status_code == 400
    assert response.json["error"] == {
        "error_id": response.json["error"]["error_id"],
        "code": "bad_request",
        "message": "Invalid UUID: nope",
    }
    assert state_of(emulator) == before


def test_upper_case_and_braced_ids_name_the_same_item(client):
    item_id = create(client)["work_item_id"]

    for spelling in (item_id.upper(), "{" + item_id + "}", item_id.replace("-", "")):
        assert client.get(f"{API}/{spelling}").json["work_item_id"] == item_id


def test_the_list_filters_by_creator_and_status_in_the_platforms_words(client, advance):
    create(client)
    advance(3)
    create(client)

    done = client.get(f"{API}?work_item_status=COMPLETED&created_by={DEVELOPER}").json
    review = client.get(f"{API}?work_item_status=NEEDS_REVIEW").json
    legacy = client.get(f"{API}?work_item_status=PAUSED")

    assert [r["status"] for r in done["records"]] == ["COMPLETED"]
    assert review == {"records": [], "next_offset": None}
    assert legacy.status_code == 422


def test_a_validation_error_is_422_in_the_envelope_the_client_parses(client):
    response = client.post(API, json={"payload": {}})

    error = response.json["error"]
    assert response.status_code == 422
    assert error["code"] == "unprocessable_entity"
    assert "agent_id" in error["message"]
    assert uuid.UUID(error["error_id"])


def test_the_served_contract_is_the_platform_document(client, anonymous):
    served = anonymous.get("/openapi.yaml").data.decode()
    own = anonymous.get("/_mock/apis/sema4/openapi.yaml").data.decode()

    assert served == own
    assert served.startswith("# GENERATED")
    assert "NEEDS_REVIEW" in served
    assert "PAUSED" not in served
