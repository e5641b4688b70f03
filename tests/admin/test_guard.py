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
