import pytest

from mock_server import create_app
from mock_server.core.clock import ClockMode
from mock_server.settings import Settings


@pytest.fixture
def guarded():
    return create_app(
        Settings(clock_mode=ClockMode.MANUAL, admin_token="s3cret-admin")
    ).test_client()


def test_with_a_token_the_control_plane_refuses_calls_without_it(guarded):
    response = guarded.get("/_mock/clock")

    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"
    assert guarded.get("/_mock/clock", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_the_token_opens_it_as_bearer_or_header(guarded):
    assert (
        guarded.get("/_mock/clock", headers={"Authorization": "Bearer s3cret-admin"}).status_code
        == 200
    )
    assert guarded.get("/_mock/clock", headers={"X-Admin-Token": "s3cret-admin"}).status_code == 200


def test_health_and_webhook_captures_stay_open_but_reading_captures_does_not(guarded):
    guarded.put("/_mock/inbox/hooks", json={}, headers={"X-Admin-Token": "s3cret-admin"})

    assert guarded.get("/_mock/health").status_code == 200
    assert guarded.post("/_mock/inbox/hooks", json={"status": "COMPLETED"}).status_code == 200
    assert guarded.get("/_mock/inbox/hooks/requests").status_code == 401
    assert guarded.put("/_mock/inbox/hooks", json={"status": 500}).status_code == 401


def test_no_admin_serves_no_control_plane_but_health():
    client = create_app(Settings(admin_enabled=False)).test_client()

    assert client.get("/_mock/clock").status_code == 404
    assert client.post("/_mock/reset").status_code == 404
    assert client.get("/_mock/health").status_code == 200


ADMIN = {"X-Admin-Token": "s3cret-admin"}


def test_with_a_token_anonymous_senders_cannot_create_inboxes(guarded):
    response = guarded.post("/_mock/inbox/fresh", json={})

    assert response.status_code == 404
    assert "PUT /_mock/inbox/fresh" in response.json["error"]["message"]
    assert guarded.get("/_mock/inboxes", headers=ADMIN).json == {"inboxes": []}


def test_with_a_token_the_inbox_cap_stays_the_admins(guarded):
    for number in range(150):
        guarded.post(f"/_mock/inbox/spam-{number}", json={})

    assert guarded.put("/_mock/inbox/mine", json={}, headers=ADMIN).status_code == 200
    assert guarded.post("/_mock/inbox/mine", json={}).status_code == 200


def test_with_a_token_a_delivery_to_an_inbox_nobody_made_fails_and_creates_nothing():
    app = create_app(Settings(clock_mode=ClockMode.MANUAL, admin_token="s3cret-admin"))
    client = app.test_client()
    key = {"Authorization": "Bearer local-dev-key"}
    hook = [{"url": "http://127.0.0.1:8080/_mock/inbox/nobodys", "on_status": "PENDING"}]
    client.post(
        "/api/v1/work-items",
        json={"agent_id": "invoice_processing_agent", "callbacks": hook},
        headers=key,
    )
    client.post("/_mock/clock/advance", json={"seconds": 1}, headers=ADMIN)

    [delivery] = client.get("/_mock/deliveries", headers=ADMIN).get_json()["deliveries"]
    assert delivery["attempts"][0]["response_status"] == 404
    assert client.get("/_mock/inboxes", headers=ADMIN).json == {"inboxes": []}
