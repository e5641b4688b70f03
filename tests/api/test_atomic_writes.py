"""A request that fails after validation leaves nothing behind: no item, step, task or delivery."""

from __future__ import annotations

import pytest

from mock_server import create_app
from mock_server.core.clock import ClockMode
from mock_server.settings import Settings
from tests.support.workitems import API, create, sema4_of, state_of


class Broken(Exception):
    pass


def everything(emulator) -> tuple[object, ...]:
    """What a failed request must leave as it was, across every component."""
    return (
        *state_of(emulator),
        dict(sema4_of(emulator).simulator.planned),
        [t.name for t in emulator.scheduler.pending()],
        [d.delivery_id for d in emulator.dispatcher.deliveries()],
        {
            i.work_item_id: sema4_of(emulator).status_history.recorded(i.work_item_id)
            for i in sema4_of(emulator).items.store
        },
    )


@pytest.fixture
def failing_listener(emulator):
    """Make the last thing a status change does fail (as a full log or an overflow would)."""
    armed = [True]

    def listener(change):
        if armed[0]:
            raise Broken("after the store was written")

    sema4_of(emulator).items.subscribe(listener)
    yield armed
    armed[0] = False


def test_a_create_that_fails_after_the_store_write_stores_nothing(
    client, emulator, failing_listener
):
    before = everything(emulator)

    response = client.post(
        API,
        json={
            "agent_id": "invoice_processing_agent",
            "callbacks": [{"url": "http://127.0.0.1:9/hook", "on_status": "PENDING"}],
        },
    )

    assert response.status_code == 500
    assert response.get_json()["error"]["code"] == "internal_error"
    assert everything(emulator) == before
    failing_listener[0] = False
    assert client.get(API).get_json()["records"] == []


def test_a_lifecycle_action_that_fails_after_the_write_leaves_the_item_as_it_was(
    client, emulator, failing_listener
):
    failing_listener[0] = False
    item = create(client)
    failing_listener[0] = True
    before = everything(emulator)

    response = client.post(f"{API}/{item['work_item_id']}/cancel")

    assert response.status_code == 500
    assert everything(emulator) == before
    assert client.get(f"{API}/{item['work_item_id']}").get_json()["status"] == "PENDING"


def test_past_the_delivery_cap_a_create_with_a_callback_is_429_and_stores_nothing(client, emulator):
    emulator.dispatcher.max_logged = 2
    hook = [{"url": "http://127.0.0.1:9/hook", "on_status": "PENDING"}]
    create(client, callbacks=hook)
    create(client, callbacks=hook)
    before = everything(emulator)

    response = client.post(API, json={"agent_id": "invoice_processing_agent", "callbacks": hook})

    assert response.status_code == 429
    assert "nothing was changed" in response.get_json()["error"]["message"]
    assert everything(emulator) == before
    assert len(emulator.dispatcher.deliveries()) == 2  # the log stays within its cap
    assert create(client)["status"] == "PENDING"  # a create without callbacks still works


def test_an_agent_step_that_finds_the_delivery_log_full_waits_and_then_goes_on(clock):
    app = create_app(Settings(seed=7, clock_mode=ClockMode.MANUAL), clock=clock)
    emulator = app.extensions["workitems_mock"]
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = "Bearer local-dev-key"
    emulator.dispatcher.max_logged = 2
    failing = "http://127.0.0.1:8080/_mock/inbox/failing"
    client.put("/_mock/inbox/failing", json={"status": 500})
    create(client, callbacks=[{"url": failing, "on_status": "PENDING"}])
    create(client, callbacks=[{"url": failing, "on_status": "PENDING"}])
    late = create(client, callbacks=[{"url": failing, "on_status": "EXECUTING"}])

    client.post("/_mock/clock/advance", json={"seconds": 3})
    waiting = client.get(f"{API}/{late['work_item_id']}").get_json()["status"]
    client.post("/_mock/clock/advance", json={"seconds": 30})
    moved_on = client.get(f"{API}/{late['work_item_id']}").get_json()["status"]

    assert waiting == "PENDING"  # its EXECUTING step found the log full of retries
    assert moved_on == "COMPLETED"
    assert [d.event for d in emulator.dispatcher.deliveries()][-1] == "EXECUTING"
    emulator.stop()


def test_a_scenario_step_too_far_in_the_future_is_refused_before_anything_uses_it(client):
    response = client.put(
        "/_mock/scenarios/forever",
        json={"runs": [{"steps": [{"after": 1e308, "status": "EXECUTING"}]}]},
    )

    assert response.status_code == 400
    assert "'after' must be 0 to" in response.get_json()["error"]["message"]
    names = [s["name"] for s in client.get("/_mock/scenarios").get_json()["scenarios"]]
    assert "forever" not in names


def test_the_clock_cannot_be_set_where_steps_and_retries_would_overflow(client):
    response = client.post("/_mock/clock/set", json={"now": "9999-12-31T23:59:59Z"})

    assert response.status_code == 422
    assert response.get_json()["error"]["details"]["field"] == "body.now"
