"""Every client action from every status: legal ones move, illegal ones are 412, unchanged."""

import pytest

from mock_server.apis.sema4.domain.profile import DOCUMENTED
from tests.support.workitems import API, TEXT_MESSAGE, create, force_status, sema4_of, state_of

EXPECTED = {  # action -> (allowed from, resulting status), as the documented table says
    "continue": ({"PAUSED", "FAILED", "CANCELLED"}, "PENDING"),
    "restart": ({"EXECUTING", "PAUSED", "COMPLETED", "FAILED", "CANCELLED"}, "PENDING"),
    "cancel": ({"PRECREATED", "PENDING", "EXECUTING", "PAUSED"}, "CANCELLED"),
    "complete": ({"EXECUTING", "PAUSED", "FAILED", "CANCELLED"}, "COMPLETED"),
}
MATRIX = [(action, status) for action in EXPECTED for status in DOCUMENTED.statuses]


@pytest.mark.parametrize(("action", "status"), MATRIX)
def test_action_from_status(client, emulator, action, status):
    item_id = create(client)["work_item_id"]
    force_status(emulator, item_id, status)
    allowed, target = EXPECTED[action]
    before = state_of(emulator)

    response = client.post(f"{API}/{item_id}/{action}")

    if status in allowed:
        assert response.status_code == 200
        assert client.get(f"{API}/{item_id}").json["status"] == target
    else:
        assert response.status_code == 412
        error = response.json["error"]
        assert error["code"] == "precondition_failed"
        assert error["message"] == f"Cannot {action} work item from status {status}."
        assert state_of(emulator) == before


def test_cancel_and_complete_answer_status_ok(client, emulator):
    item_id = create(client)["work_item_id"]

    assert client.post(f"{API}/{item_id}/cancel").json == {"status": "ok"}
    assert client.post(f"{API}/{item_id}/complete").json == {"status": "ok"}


def test_continue_keeps_the_conversation(client, emulator):
    item_id = create(client, messages=[TEXT_MESSAGE])["work_item_id"]
    reply = {"role": "agent", "content": [{"kind": "text", "text": "Need approval"}]}
    items = sema4_of(emulator).items
    with items.lock:
        item = items.store.get(item_id)
        assert item is not None
        items.commit(item, "test", status="PAUSED", messages=(TEXT_MESSAGE, reply))

    response = client.post(f"{API}/{item_id}/continue")

    assert response.json["status"] == "PENDING"
    assert response.json["messages"] == [TEXT_MESSAGE, reply]


def test_restart_resets_messages_and_thread(client, emulator):
    item_id = create(client, messages=[TEXT_MESSAGE])["work_item_id"]
    reply = {"role": "agent", "content": [{"kind": "text", "text": "Done"}]}
    items = sema4_of(emulator).items
    with items.lock:
        item = items.store.get(item_id)
        assert item is not None
        items.commit(
            item, "test", status="COMPLETED", messages=(TEXT_MESSAGE, reply), thread_id="t-1"
        )

    response = client.post(f"{API}/{item_id}/restart")

    assert response.json["messages"] == [TEXT_MESSAGE]
    assert response.json["thread_id"] is None


def test_an_action_on_an_unknown_item_is_404(client):
    for action in EXPECTED:
        assert client.post(f"{API}/nope/{action}").status_code == 404


def test_a_status_change_moves_status_updated_at(client, emulator, clock):
    from datetime import timedelta

    item_id = create(client)["work_item_id"]
    clock.advance_to(clock.now() + timedelta(seconds=5))

    client.post(f"{API}/{item_id}/cancel")
    item = client.get(f"{API}/{item_id}").json

    assert item["status_updated_at"] == "2025-01-15T10:30:05.000000Z"
    assert item["created_at"] == "2025-01-15T10:30:00.000000Z"
