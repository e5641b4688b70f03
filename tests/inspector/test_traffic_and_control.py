"""Delivery and inbox pages, the journal, and the clock and fault forms."""

from mock_server.core.clock import ClockMode
from tests.inspector.forms import HTML, html, submit
from tests.support.workitems import API, create

INBOX = "http://127.0.0.1:8080/_mock/inbox/shop"


def test_a_delivery_page_shows_request_headers_body_and_attempts(client, advance, emulator):
    create(client, callbacks=[{"url": INBOX, "on_status": "PENDING", "signature_secret": "s"}])
    advance(0)
    [delivery] = emulator.dispatcher.deliveries()

    text = html(client, f"/_mock/inspector/deliveries/{delivery.delivery_id}")

    assert "X-SEMA4AI-SIGNATURE" in text
    assert "User-Agent" in text
    assert '"status": "PENDING"' in text.replace("&#34;", '"')
    assert "2025-01-15T10:30:00.000000Z" in text
    listing = html(client, "/_mock/inspector/deliveries?outcome=delivered")
    assert delivery.delivery_id in listing
    assert delivery.delivery_id not in html(client, "/_mock/inspector/deliveries?outcome=failed")


def test_an_inbox_page_shows_captures_escaped_and_configures_the_inbox(client, emulator):
    client.post("/_mock/inbox/shop", data=b'{"note": "<script>x</script>"}')

    text = html(client, "/_mock/inspector/inboxes/shop")
    response = submit(
        client,
        "/_mock/inspector/inboxes/shop/config",
        "/_mock/inspector/inboxes/shop",
        secret="s3cret",
        status=202,
        fail_first=2,
        fail_status=503,
        delay_seconds=0,
    )

    assert "&lt;script&gt;x&lt;/script&gt;" in text
    assert "<script>x" not in text
    assert response.status_code == 303
    config = emulator.inboxes.get("shop").config
    assert (config.secret, config.status, config.fail_first, config.fail_status) == (
        "s3cret",
        202,
        2,
        503,
    )


def test_a_bad_inbox_setting_is_refused_with_the_field_named(client, emulator):
    client.post("/_mock/inbox/shop", json={})

    submit(
        client, "/_mock/inspector/inboxes/shop/config", "/_mock/inspector/inboxes/shop", status=42
    )

    assert "status: Input should be greater than or equal to 200" in html(
        client, "/_mock/inspector/inboxes/shop"
    )
    assert emulator.inboxes.get("shop").config.status == 200


def test_looking_at_an_inbox_that_does_not_exist_creates_none(client, emulator):
    assert client.get("/_mock/inspector/inboxes/ghost", headers=HTML).status_code == 404
    assert emulator.inboxes.all() == []


def test_replay_sends_a_capture_again_through_the_delivery_log(client, advance, emulator):
    client.post("/_mock/inbox/shop", json={"n": 1}, headers={"X-Custom": "kept"})

    submit(
        client,
        "/_mock/inspector/inboxes/shop/captures/1/replay",
        "/_mock/inspector/inboxes/shop",
        url="http://127.0.0.1:8080/_mock/inbox/copy",
    )
    advance(0)

    [replayed] = emulator.inboxes.get("copy").captures()
    assert replayed.request.body == b'{"n": 1}'
    assert replayed.request.header("X-Custom") == "kept"
    assert emulator.dispatcher.deliveries()[-1].event == "replay"


def test_clock_buttons_advance_and_switch_mode(client, emulator):
    item = create(client)

    submit(client, "/_mock/inspector/clock/advance", seconds=1)
    submit(client, "/_mock/inspector/clock/mode", mode="real", speed=2)

    assert client.get(f"{API}/{item['work_item_id']}").json["status"] == "EXECUTING"
    assert (emulator.clock.mode.value, emulator.clock.speed) == ("real", 2)
    emulator.clock.configure(ClockMode.MANUAL)


def test_faults_show_their_hits_and_are_removed_from_the_page(client):
    fault = client.post(
        "/_mock/faults", json={"method": "GET", "path": "/work-items/{work_item_id}", "status": 503}
    ).json
    client.get(f"{API}/whatever")

    text = html(client, "/_mock/inspector/control")
    submit(
        client, f"/_mock/inspector/faults/{fault['fault_id']}/remove", "/_mock/inspector/control"
    )

    assert fault["fault_id"] in text
    assert "answer 503" in text
    assert "fault " + fault["fault_id"] + " fired" in text  # the refused request's reason
    assert client.get("/_mock/faults").json["faults"] == []


def test_the_journal_page_lists_refusals_with_their_reason(client):
    client.get(f"{API}/nope")

    text = html(client, "/_mock/inspector/requests?refused=1")

    assert f"GET {API}/nope" in text
    assert "404" in text
