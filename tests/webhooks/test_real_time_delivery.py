"""In real time a hanging receiver never holds up the API."""

from __future__ import annotations

import threading

from mock_server import create_app
from mock_server.core.clock import ClockMode
from mock_server.settings import Settings
from tests.support.receiver import receiver

API = "/api/v1/work-items"
AUTH = {"Authorization": "Bearer local-dev-key"}


def test_api_calls_complete_while_a_receiver_hangs():
    app = create_app(
        Settings(clock_mode=ClockMode.REAL, clock_speed=50, webhook_timeout_seconds=20)
    )
    emulator = app.extensions["workitems_mock"]
    emulator.start()
    client = app.test_client()
    hang = threading.Event()
    try:
        with receiver(hang=hang) as hook:
            body = {
                "agent_id": "invoice_processing_agent",
                "callbacks": [{"url": hook.url, "on_status": "PENDING"}],
            }
            client.post(API, json=body, headers=AUTH)
            hook.wait_for(1)  # the receiver now holds the delivery open

            answers = [client.get(API, headers=AUTH).status_code for _ in range(20)]
            created = client.post(API, json={"agent_id": "invoice_processing_agent"}, headers=AUTH)

            [delivery] = client.get("/_mock/deliveries").get_json()["deliveries"]
            # Every call above answered while the first attempt was still waiting on the
            # receiver: had the API waited for it, the attempt would have finished.
            assert delivery["outcome"] == "pending"
            assert delivery["attempts"][0]["response_status"] is None
            assert delivery["attempts"][0]["error"] is None
            assert answers == [200] * 20
            assert created.status_code == 200
    finally:
        emulator.stop()
