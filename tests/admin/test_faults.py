import pytest

from tests.support.workitems import API, create


def add_fault(client, **rule) -> dict:
    response = client.post("/_mock/faults", json=rule)
    assert response.status_code == 201, response.json
    return response.json


def test_the_simplest_rule_fires_exactly_n_times(client):
    item_id = create(client)["work_item_id"]
    add_fault(client, method="GET", path="/api/v1/work-items/{work_item_id}", status=503, times=2)

    statuses = [client.get(f"{API}/{item_id}").status_code for _ in range(4)]

    assert statuses == [503, 503, 200, 200]
    [rule] = client.get("/_mock/faults").json["faults"]
    assert (rule["matched"], rule["fired"], rule["remaining"]) == (4, 2, 0)


def test_a_fault_answers_in_the_envelope_with_retry_after(client):
    add_fault(client, operation="listWorkItems", status=429, retry_after=7, message="slow down")

    response = client.get(API)

    assert response.status_code == 429
    assert response.headers["Retry-After"] == "7"
    assert response.json["error"]["code"] == "too_many_requests"
    assert response.json["error"]["message"] == "slow down"


def test_a_template_without_prefix_matches_every_api_prefix(client):
    add_fault(client, path="/work-items", method="GET", status=500)

    assert client.get("/api/v1/work-items").status_code == 500
    assert client.get("/api/v2/work-items/").status_code == 500
    assert client.get("/tenants/local/api/v1/work-items").status_code == 500


def test_on_call_fires_only_on_the_nth_match(client):
    add_fault(client, operation="createWorkItem", on_call=2, status=500)

    statuses = [
        client.post(API, json={"agent_id": "invoice_processing_agent"}).status_code
        for _ in range(3)
    ]

    assert statuses == [200, 500, 200]


def test_a_rule_can_wait_for_a_work_item_status(client, emulator):
    first = create(client)["work_item_id"]
    second = create(client)["work_item_id"]
    client.post(f"{API}/{second}/cancel")
    add_fault(client, operation="getWorkItem", work_item_status="CANCELLED", status=500)

    assert client.get(f"{API}/{first}").status_code == 200
    assert client.get(f"{API}/{second}").status_code == 500


def test_probabilistic_faults_repeat_under_the_same_seed(client):
    def run() -> list[int]:
        client.delete("/_mock/faults")
        add_fault(client, operation="listWorkItems", status=503, probability=0.5, seed=42)
        return [client.get(API).status_code for _ in range(30)]

    first, second = run(), run()

    assert first == second
    assert 0 < first.count(503) < 30


def test_latency_only_faults_let_the_request_through(client):
    add_fault(client, operation="listWorkItems", latency_ms=1)

    assert client.get(API).status_code == 200
    assert client.get("/_mock/faults").json["faults"][0]["fired"] == 1


def test_faults_are_journalled(client):
    add_fault(client, operation="listWorkItems", status=503)
    client.get(API)

    [entry] = client.get("/_mock/requests").json["requests"]
    assert entry["reason"].startswith("fault ")


def test_a_rule_can_be_removed(client):
    rule = add_fault(client, operation="listWorkItems", status=503)

    assert client.delete(f"/_mock/faults/{rule['fault_id']}").status_code == 200
    assert client.get(API).status_code == 200
    assert client.delete(f"/_mock/faults/{rule['fault_id']}").status_code == 404


@pytest.mark.parametrize(
    "rule",
    [
        {},
        {"operation": "listWorkItems"},
        {"status": 700},
        {"status": 500, "probability": 2},
        {"status": 500, "bogus": 1},
    ],
)
def test_invalid_rules_are_422(client, rule):
    response = client.post("/_mock/faults", json=rule)

    assert response.status_code == 422
    assert response.json["error"]["code"] == "unprocessable_entity"


@pytest.mark.parametrize(
    ("rule", "field", "choice"),
    [
        ({"operation": "list_work_items", "status": 500}, "body.operation", "listWorkItems"),
        ({"path": "/api/v1/workitems", "status": 500}, "body.path", "/work-items"),
        ({"api": "nope", "status": 500}, "body.api", "sema4"),
        ({"method": "FETCH", "status": 500}, "body.method", "GET"),
        ({"work_item_status": "DONE", "status": 500}, "body.resource_status", "PAUSED"),
    ],
)
def test_a_rule_that_could_never_fire_is_refused_with_the_choices(client, rule, field, choice):
    response = client.post("/_mock/faults", json=rule)

    assert response.status_code == 422
    assert response.json["error"]["details"]["field"] == field
    assert choice in response.json["error"]["message"]
    assert client.get("/_mock/faults").json["faults"] == []


@pytest.mark.parametrize(
    "path",
    ["/work-items/{work_item_id}", "/api/v1/work-items/{id}", "/tenants/t/api/v2/work-items/abc"],
)
def test_a_rule_path_may_leave_out_the_prefix_and_name_its_parameters_freely(client, path):
    assert client.post("/_mock/faults", json={"path": path, "status": 503}).status_code == 201
