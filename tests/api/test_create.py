from tests.support.workitems import AGENT, API, TEXT_MESSAGE, create


def test_create_returns_200_with_a_pending_work_item(client):
    response = client.post(API, json={"agent_id": AGENT, "payload": {"invoice_id": "ABC123"}})

    assert response.status_code == 200
    item = response.json
    assert item["status"] == "PENDING"
    assert item["agent_id"] == AGENT
    assert item["payload"] == {"invoice_id": "ABC123"}
    assert item["created_by"] == "local-developer"
    assert item["thread_id"] is None
    assert item["files"] == []


def test_create_stamps_times_from_the_emulator_clock(client):
    item = create(client)

    assert item["created_at"] == "2025-01-15T10:30:00.000000Z"
    assert item["updated_at"] == item["status_updated_at"] == item["created_at"]


def test_create_echoes_messages_and_callbacks(client):
    callback = {"url": "https://example.com/hook", "on_status": "COMPLETED"}

    item = create(client, messages=[TEXT_MESSAGE], callbacks=[callback])

    assert item["messages"] == [TEXT_MESSAGE]
    assert item["callbacks"] == [callback]


def test_create_names_the_item_after_its_id_by_default(client):
    item = create(client)

    assert item["work_item_name"] == f"Work Item {item['work_item_id']}"


def test_create_trims_and_truncates_the_name(client):
    item = create(client, work_item_name="  " + "n" * 300 + "  ")

    assert item["work_item_name"] == "n" * 252 + "..."


def test_create_defaults_payload_and_messages_to_empty(client):
    response = client.post(API, json={"agent_id": AGENT})

    assert response.json["payload"] == {}
    assert response.json["messages"] == []


def test_create_answers_with_and_without_trailing_slash(client):
    assert client.post(API + "/", json={"agent_id": AGENT}).status_code == 200
    assert client.post(API, json={"agent_id": AGENT}).status_code == 200


def test_create_with_an_unknown_agent_is_404(client):
    response = client.post(API, json={"agent_id": "no_such_agent"})

    assert response.status_code == 404
    assert response.json["error"]["details"]["field"] == "agent_id"


def test_create_without_agent_id_is_422_naming_the_field(client):
    response = client.post(API, json={"payload": {}})

    assert response.status_code == 422
    assert response.json["error"]["code"] == "unprocessable_entity"
    assert response.json["error"]["details"]["field"] == "body.agent_id"


def test_work_item_url_points_at_the_emulator(client):
    item = create(client)

    assert item["work_item_url"] == (
        f"http://127.0.0.1:8080/_mock/work-items/{item['work_item_id']}"
    )


def test_seeded_ids_repeat_across_emulators(app, client):
    from mock_server import create_app

    other = create_app(app.extensions["workitems_mock"].settings).test_client()
    other.environ_base["HTTP_AUTHORIZATION"] = "Bearer local-dev-key"

    assert create(client)["work_item_id"] == create(other)["work_item_id"]
