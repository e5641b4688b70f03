from tests.support.workitems import API, create


def journal(client, **filters) -> list[dict]:
    return client.get("/_mock/requests", query_string=filters).json["requests"]


def test_every_api_request_is_recorded_with_its_outcome(client):
    item = create(client)
    client.get(f"{API}/{item['work_item_id']}?results=true")

    entries = journal(client)

    assert [(e["method"], e["status"], e["operation"]) for e in entries] == [
        ("POST", 200, "createWorkItem"),
        ("GET", 200, "getWorkItem"),
    ]
    assert entries[1]["query"] == "results=true"
    assert all(e["work_item_id"] == item["work_item_id"] for e in entries)
    assert entries[0]["key"] == "loca…"
    assert entries[0]["at"] == "2025-01-15T10:30:00.000000Z"
    assert entries[0]["latency_ms"] >= 0


def test_rejected_requests_are_recorded_with_their_reason(client, anonymous):
    anonymous.get(API)
    client.get("/api/v1/no-such-route")
    client.post(API, json={"payload": {}})
    client.get(f"{API}?limit=0")

    reasons = [(e["status"], e["error_code"], e["reason"]) for e in journal(client)]

    assert reasons[0] == (401, "unauthorized", "Missing Authorization header.")
    assert reasons[1] == (404, "not_found", "No route matches GET /api/v1/no-such-route.")
    assert reasons[2][:2] == (422, "unprocessable_entity")
    assert "body.agent_id: is required" in reasons[2][2]
    assert "query.limit" in reasons[3][2]


def test_the_journal_filters_by_method_path_status_and_work_item(client):
    first = create(client)["work_item_id"]
    second = create(client)["work_item_id"]
    client.get(f"{API}/{first}")
    client.post(f"{API}/{second}/continue")  # 412

    assert len(journal(client, method="get")) == 1
    assert len(journal(client, path="/work-items/{work_item_id}")) == 1
    assert len(journal(client, path=f"/api/v1/work-items/{first}")) == 1
    assert [e["status"] for e in journal(client, status="4xx")] == [412]
    assert len(journal(client, work_item_id=second)) == 2
    assert len(journal(client, operation="createWorkItem")) == 2


def test_the_journal_filters_by_emulator_time(client, clock):
    from datetime import timedelta

    create(client)
    clock.advance_to(clock.now() + timedelta(seconds=10))
    create(client)

    assert len(journal(client, since="2025-01-15T10:30:05Z")) == 1
    assert len(journal(client, until="2025-01-15T10:30:05Z")) == 1
    assert client.get("/_mock/requests?since=yesterday").status_code == 422


def test_control_plane_calls_are_not_journalled_and_delete_clears(client):
    create(client)
    client.get("/_mock/clock")

    assert client.delete("/_mock/requests").status_code == 200
    assert journal(client) == []
