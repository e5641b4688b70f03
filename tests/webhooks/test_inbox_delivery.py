"""The emulator delivering its own callbacks into its own inbox: retries you can watch."""

from __future__ import annotations

from mock_server import create_app
from mock_server.core.clock import Clock, ClockMode
from mock_server.settings import Settings
from tests.conftest import DEV_KEY, START
from tests.support.loopback import serving
from tests.support.served import free_port
from tests.support.workitems import create

SECRET = "whsec_inbox"


def test_a_failing_inbox_captures_every_retry_of_a_signed_delivery():
    port = free_port()
    settings = Settings(seed=7, clock_mode=ClockMode.MANUAL, public_url=f"http://127.0.0.1:{port}")
    app = create_app(settings, clock=Clock(ClockMode.MANUAL, start=START))
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {DEV_KEY}"
    try:
        with serving(app, port=port) as base:
            client.put("/_mock/inbox/retries", json={"secret": SECRET, "fail_first": 2})
            hook = f"{base}/_mock/inbox/retries"
            callback = {"url": hook, "on_status": "COMPLETED", "signature_secret": SECRET}
            item = create(client, callbacks=[callback])
            client.post("/_mock/clock/advance", json={"seconds": 30})
            captures = client.get("/_mock/inbox/retries/requests").get_json()["requests"]
            [delivery] = client.get("/_mock/deliveries").get_json()["deliveries"]
    finally:
        app.extensions["workitems_mock"].stop()

    assert [c["answer"]["status"] for c in captures] == [500, 500, 200]
    assert {c["signature"]["verdict"] for c in captures} == {"valid"}
    assert {c["json"]["work_item_id"] for c in captures} == {item["work_item_id"]}
    # Completed at +3 s, then retried after 1 s and 2 s of emulator time.
    assert [c["received_at"] for c in captures] == [
        "2025-01-15T10:30:03.000000Z",
        "2025-01-15T10:30:04.000000Z",
        "2025-01-15T10:30:06.000000Z",
    ]
    assert delivery["outcome"] == "delivered"
