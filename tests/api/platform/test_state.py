"""Platform snapshots: a round trip keeps its fields, and a documented snapshot is refused."""

from __future__ import annotations

from mock_server import create_app
from tests.support.platform import API, REVIEWS, create, upload_stub


def test_a_platform_snapshot_round_trips_and_carries_on(client, app, advance):
    done = create(client)["work_item_id"]
    waiting = create(client, REVIEWS)["work_item_id"]
    upload_stub(client)
    advance(1.5)
    client.post(f"{API}/{done}/complete")
    exported = client.get("/_mock/state?include_secrets=true").data

    other = create_app(app.extensions["workitems_mock"].settings).test_client()
    other.environ_base["HTTP_AUTHORIZATION"] = "Bearer local-dev-key"
    assert (
        other.put("/_mock/state", data=exported, content_type="application/json").status_code == 200
    )
    assert other.get("/_mock/state?include_secrets=true").data == exported

    item = other.get(f"{API}/{done}").get_json()
    assert (item["completed_by"], item["status_updated_by"]) == ("HUMAN", "HUMAN")
    other.post("/_mock/clock/advance", json={"seconds": 5})
    assert other.get(f"{API}/{waiting}").get_json()["status"] == "NEEDS_REVIEW"


def test_a_snapshot_of_the_documented_profile_is_refused_naming_the_profiles(client):
    from mock_server.core.clock import ClockMode
    from mock_server.settings import Settings

    documented = create_app(Settings(seed=7, clock_mode=ClockMode.MANUAL)).test_client()
    exported = documented.get("/_mock/state?include_secrets=true").json

    refused = client.put("/_mock/state", json=exported)

    assert refused.status_code in (400, 422)
    assert "documented" in refused.json["error"]["message"]
    assert "platform" in refused.json["error"]["message"]
