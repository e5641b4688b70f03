"""The v2 surface in both profiles: delete, batch delete, rename, summary, /api/public/v1."""

from __future__ import annotations

import pytest

from tests.support.receiver import receiver
from tests.support.workitems import sema4_of

API = "/api/public/v1/work-items"


@pytest.fixture(params=["documented", "platform"])
def profile(request) -> str:
    return str(request.param)


@pytest.fixture
def agent_id(client) -> str:
    agent: str = client.get("/api/public/v1/agents").json["data"][0]["id"]
    return agent


UNKNOWN = "00000000-0000-4000-8000-000000000000"


def create(client, agent_id: str, **fields) -> str:
    response = client.post(API, json={"agent_id": agent_id, **fields})
    assert response.status_code == 200, response.json
    item_id: str = response.json["work_item_id"]
    return item_id


@pytest.mark.parametrize("prefix", ["/api/v1", "/api/public/v1", "/tenants/local/api/v2"])
def test_every_prefix_serves_the_same_items(client, agent_id, prefix):
    item_id = create(client, agent_id)

    assert client.get(f"{prefix}/work-items/{item_id}").json["work_item_id"] == item_id
    assert client.get(f"{prefix}/work-items/").json["records"][0]["work_item_id"] == item_id


def test_a_deleted_item_is_gone_from_get_list_and_the_summary(client, agent_id):
    kept, gone = create(client, agent_id), create(client, agent_id)

    answer = client.delete(f"{API}/{gone}")

    assert answer.json == {"work_item_id": gone, "status": "ok", "warnings": []}
    assert client.get(f"{API}/{gone}").status_code == 404
    assert [r["work_item_id"] for r in client.get(API).json["records"]] == [kept]
    [summary] = client.get(f"{API}/summary").json
    assert sum(summary["work_items_status_counts"].values()) == 1
    assert client.delete(f"{API}/{gone}").status_code == 404


def test_deleting_a_running_item_stops_its_run_and_warns(client, emulator, agent_id, advance):
    item_id = create(client, agent_id)
    advance(1)

    answer = client.delete(f"{API}/{item_id}").json
    advance(60)

    assert answer["warnings"] == ["The work item was EXECUTING; its agent run was stopped."]
    assert sema4_of(emulator).simulator.planned == {}
    assert client.get(f"{API}/{item_id}").status_code == 404


def test_a_deleted_item_leaves_no_trace_in_journal_links_snapshots_or_deliveries(
    client, emulator, agent_id, advance, profile
):
    status = "EXECUTING" if profile == "documented" else "COMPLETED"
    with receiver(statuses=[500]) as hook:
        item_id = create(client, agent_id, callbacks=[{"url": hook.url, "on_status": status}])
        client.get(f"{API}/{item_id}")
        advance(1 if profile == "documented" else 3)  # a delivery fails and waits for a retry
        client.delete(f"{API}/{item_id}")
        advance(60)

    journal = client.get("/_mock/requests", query_string={"resource_id": item_id}).json
    snapshot = client.get("/_mock/state?include_secrets=true").json
    waiting = [d for d in emulator.dispatcher.deliveries() if not d.finished]
    assert journal["requests"] == []
    assert item_id not in str(snapshot["apis"]["sema4"])
    assert waiting == []
    assert client.get(f"/_mock/work-items/{item_id}").status_code == 404


def test_a_batch_delete_counts_the_ids_it_could_not_delete(client, agent_id):
    first, second = create(client, agent_id), create(client, agent_id)

    answer = client.post(f"{API}/delete", json={"work_item_ids": [first, UNKNOWN, second, "x"]})

    assert answer.json == {"deleted": 2, "failures": 2}
    assert client.get(API).json["records"] == []
    assert client.post(f"{API}/delete", json={}).json == {"deleted": 0, "failures": 0}


def test_the_batch_route_is_not_taken_for_an_item_id(client):
    assert client.get(f"{API}/delete").status_code == 405
    assert client.post(f"{API}/delete", json={"work_item_ids": []}).status_code == 200


def test_rename_normalises_and_refuses_a_blank_name(client, agent_id):
    item_id = create(client, agent_id, work_item_name="before")

    renamed = client.patch(f"{API}/{item_id}", json={"work_item_name": "  after  "})
    kept = client.patch(f"{API}/{item_id}", json={"work_item_name": None})
    blank = client.patch(f"{API}/{item_id}", json={"work_item_name": "  "})

    assert renamed.json["work_item_name"] == "after"
    assert kept.json["work_item_name"] == "after"
    assert kept.json["updated_at"] >= renamed.json["updated_at"]
    assert blank.status_code == 400
    assert blank.json["error"]["message"] == "Work item name cannot be empty"


def test_the_summary_counts_each_agents_items_per_status(client, agent_id, advance):
    create(client, agent_id)
    advance(1)
    create(client, agent_id)
    stub = client.post(f"{API}/upload-file", data={"file": "remote.pdf"})

    summary = client.get(f"{API}/summary").json

    assert stub.status_code == 200
    assert summary == [
        {
            "agent_id": agent_id,
            "agent_name": "Invoice Processing Agent",
            "work_items_status_counts": {"PENDING": 1, "EXECUTING": 1},
        }
    ]


def test_the_summary_is_empty_without_items(client):
    assert client.get(f"{API}/summary").json == []
