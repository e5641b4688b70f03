"""The platform's endpoint x status matrix over HTTP: 412 for lifecycle moves, 400 for files."""

from __future__ import annotations

import io

import pytest

from mock_server.apis.sema4.domain.profile import PLATFORM
from tests.support.platform import API, INVOICES, create, status_of, upload_stub
from tests.support.workitems import force_status, state_of

TARGET = {
    "continue": "PENDING",
    "restart": "PENDING",
    "cancel": "CANCELLED",
    "complete": "COMPLETED",
}
ALLOWED = {  # sema4-platform-behaviour.md §5.3, independent of the profile's table
    "continue": {"DRAFT", "NEEDS_REVIEW", "INDETERMINATE", "COMPLETED", "ERROR", "CANCELLED"},
    "restart": {"EXECUTING", "NEEDS_REVIEW", "INDETERMINATE", "COMPLETED", "ERROR", "CANCELLED"},
    "cancel": {"DRAFT", "PENDING", "EXECUTING"},
    "complete": {"EXECUTING", "NEEDS_REVIEW", "INDETERMINATE", "ERROR", "CANCELLED"},
}
MATRIX = [(action, status) for action in ALLOWED for status in PLATFORM.statuses]


@pytest.mark.parametrize(("action", "status"), MATRIX)
def test_lifecycle_action_from_status(client, emulator, action, status):
    item_id = create(client)["work_item_id"]
    force_status(emulator, item_id, status)
    before = state_of(emulator)

    response = client.post(f"{API}/{item_id}/{action}")

    if status in ALLOWED[action]:
        assert response.status_code == 200
        assert status_of(client, item_id) == TARGET[action]
    else:
        assert response.status_code == 412
        error = response.json["error"]
        assert (error["code"], error["message"]) == (
            "precondition_failed",
            f"Cannot {action} work item from status {status}.",
        )
        assert state_of(emulator) == before


@pytest.mark.parametrize("status", [s for s in PLATFORM.statuses if s != "DRAFT"])
def test_files_and_finalising_outside_draft_are_400(client, emulator, status):
    item_id = upload_stub(client)
    force_status(emulator, item_id, status)
    before = state_of(emulator)

    upload = client.post(
        f"{API}/upload-file?work_item_id={item_id}",
        data={"file": (io.BytesIO(b"more"), "more.pdf")},
        content_type="multipart/form-data",
    )
    finalize = client.post(API, json={"agent_id": INVOICES, "work_item_id": item_id})

    assert upload.status_code == finalize.status_code == 400
    assert upload.json["error"]["message"] == (
        f"Files can only be attached to work-items in the DRAFT state. Currently in {status}"
    )
    assert finalize.json["error"]["message"] == (
        f"Work item has been previously started. Currently in {status}"
    )
    assert state_of(emulator) == before


def test_a_draft_is_finalised_to_pending_and_runs(client, advance):
    item_id = upload_stub(client)

    assert status_of(client, item_id) == "DRAFT"
    finalized = client.post(API, json={"agent_id": INVOICES, "work_item_id": item_id}).json
    advance(3)

    assert finalized["status"] == "PENDING"
    assert finalized["user_subject"] == finalized["user_id"]  # set on a finalised item (§3.1)
    assert status_of(client, item_id) == "COMPLETED"


def test_restart_from_executing_stops_the_run_and_starts_a_new_one(client, advance):
    item_id = create(client)["work_item_id"]
    advance(1)
    assert status_of(client, item_id) == "EXECUTING"

    restarted = client.post(f"{API}/{item_id}/restart").json
    advance(1)
    assert status_of(client, item_id) == "EXECUTING"
    advance(2)

    assert (restarted["status"], restarted["thread_id"]) == ("PENDING", None)
    assert status_of(client, item_id) == "COMPLETED"


def test_cancel_says_whether_a_running_agent_was_stopped(client, advance):
    waiting = create(client)["work_item_id"]
    running = create(client)["work_item_id"]
    advance(1)
    client.post(f"{API}/{waiting}/restart")  # EXECUTING -> PENDING again, not running

    assert client.post(f"{API}/{waiting}/cancel").json == {"status": "ok", "cancelled": False}
    assert client.post(f"{API}/{running}/cancel").json == {"status": "ok", "cancelled": True}
    advance(10)
    assert status_of(client, running) == "CANCELLED"  # the stopped run never ends it


def test_continuing_a_draft_without_an_agent_runs_and_errors(client, advance):
    item_id = upload_stub(client)

    assert client.post(f"{API}/{item_id}/continue").json["status"] == "PENDING"
    advance(3)

    assert status_of(client, item_id) == "ERROR"
