"""Callback deliveries to real receivers on loopback."""

from __future__ import annotations

import hashlib
import hmac
import json

import jsonschema

from tests.support.contract import contract
from tests.support.receiver import receiver
from tests.support.workitems import API, create

SECRET = "whsec_test"


def callback_schema():
    post = contract().resolved["paths"]["/work-items"]["post"]
    return post["callbacks"]["workItemStatus"]["{$request.body#/callbacks/0/url}"]["post"]


def deliveries(client, **filters) -> list[dict]:
    return client.get("/_mock/deliveries", query_string=filters).json["deliveries"]


def test_a_completed_item_posts_the_documented_body_signed(client, advance):
    with receiver() as hook:
        item = create(
            client,
            payload={"invoice_number": "INV-2024-001"},
            callbacks=[{"url": hook.url, "on_status": "COMPLETED", "signature_secret": SECRET}],
        )
        advance(3)
        [got] = hook.wait_for(1)

    document = json.loads(got.body)
    assert document == {
        "work_item_id": item["work_item_id"],
        "status": "COMPLETED",
        "agent_id": "invoice_processing_agent",
        "timestamp": "2025-01-15T10:30:03.000000Z",
        "payload": {"invoice_number": "INV-2024-001"},
        "thread_id": document["thread_id"],
        "work_item_url": item["work_item_url"],
        "agent_name": "Invoice Processing Agent",
    }
    assert document["thread_id"]
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":")).encode()
    expected = hmac.new(SECRET.encode(), canonical, hashlib.sha256).hexdigest()
    assert got.headers["X-Sema4Ai-Signature"] == expected
    assert got.headers["Content-Type"] == "application/json"
    assert got.headers["User-Agent"] == "Sema4AI-WorkItems-Callback/1.0"


def test_deliveries_validate_against_the_callback_in_the_contract(client, advance):
    schema = callback_schema()
    statuses = ["PENDING", "EXECUTING", "COMPLETED"]
    with receiver() as hook:
        create(client, callbacks=[{"url": hook.url, "on_status": s} for s in statuses])
        advance(3)
        got = hook.wait_for(3)

    for request in got:
        body_schema = schema["requestBody"]["content"]["application/json"]["schema"]
        jsonschema.validate(json.loads(request.body), body_schema)
        assert request.headers["User-Agent"] == schema["parameters"][0]["schema"]["const"]
        assert "X-Sema4Ai-Signature" not in request.headers  # no secret, no signature
    assert [json.loads(r.body)["status"] for r in got] == statuses


def test_a_failing_receiver_is_retried_three_times_with_exponential_backoff(client, advance):
    with receiver(statuses=[500]) as hook:
        create(client, callbacks=[{"url": hook.url, "on_status": "EXECUTING"}])
        advance(20)
        got = hook.wait_for(4)

    assert len(got) == 4
    assert len({r.body for r in got}) == 1  # the same body every time
    [delivery] = deliveries(client)
    assert delivery["outcome"] == "failed"
    assert [a["sent_at"][11:19] for a in delivery["attempts"]] == [
        "10:30:01", "10:30:02", "10:30:04", "10:30:08",
    ]  # fmt: skip
    assert [a["response_status"] for a in delivery["attempts"]] == [500] * 4
    assert delivery["attempts"][0]["response_body"] == "answer 500"


def test_a_receiver_that_recovers_gets_the_delivery_once(client, advance):
    with receiver(statuses=[503, 502, 200]) as hook:
        create(client, callbacks=[{"url": hook.url, "on_status": "EXECUTING"}])
        advance(20)
        assert len(hook.wait_for(3)) == 3

    [delivery] = deliveries(client)
    assert delivery["outcome"] == "delivered"
    assert len(delivery["attempts"]) == 3


def test_a_receiver_that_is_down_fails_with_connection_errors(client, advance):
    with receiver() as hook:
        url = hook.url  # the port closes when the receiver stops
    create(client, callbacks=[{"url": url, "on_status": "EXECUTING"}])

    advance(20)

    [delivery] = deliveries(client)
    assert delivery["outcome"] == "failed"
    assert all(a["error"] and a["response_status"] is None for a in delivery["attempts"])
    assert len(delivery["attempts"]) == 4


def test_a_hanging_receiver_times_out_and_is_retried(client, advance):
    import threading

    hang = threading.Event()
    with receiver(hang=hang) as hook:
        create(client, callbacks=[{"url": hook.url, "on_status": "EXECUTING"}])
        advance(20)
        hang.set()

    [delivery] = deliveries(client)
    assert delivery["outcome"] == "failed"
    assert all("timed out" in a["error"] for a in delivery["attempts"])


def test_statuses_are_delivered_in_the_order_they_were_reached(client, advance):
    with receiver(statuses=[500, 200]) as hook:
        create(
            client,
            callbacks=[
                {"url": hook.url, "on_status": "EXECUTING"},
                {"url": hook.url, "on_status": "COMPLETED"},
            ],
        )
        advance(20)
        got = hook.wait_for(3)

    assert [json.loads(r.body)["status"] for r in got] == ["EXECUTING", "EXECUTING", "COMPLETED"]


def test_api_actions_fire_callbacks_too(client, advance):
    with receiver() as hook:
        item = create(client, callbacks=[{"url": hook.url, "on_status": "CANCELLED"}])
        client.post(f"{API}/{item['work_item_id']}/cancel")
        advance(0)
        [got] = hook.wait_for(1)

    assert json.loads(got.body)["status"] == "CANCELLED"


def test_a_hundred_items_completing_at_once_give_exactly_a_hundred_deliveries(client, advance):
    with receiver() as hook:
        ids = {
            create(client, callbacks=[{"url": hook.url, "on_status": "COMPLETED"}])["work_item_id"]
            for _ in range(100)
        }
        advance(3)
        got = hook.wait_for(100)

    assert sorted(json.loads(r.body)["work_item_id"] for r in got) == sorted(ids)
    assert len(deliveries(client, outcome="delivered")) == 100


def test_a_non_loopback_callback_is_blocked_and_logged_never_sent(client, advance):
    item = create(client, callbacks=[{"url": "http://203.0.113.7/hook", "on_status": "PENDING"}])

    advance(0)

    [delivery] = deliveries(client, work_item_id=item["work_item_id"])
    assert delivery["outcome"] == "blocked"
    assert delivery["attempts"] == []
    assert delivery["next_attempt_at"] is None  # nothing more will be tried
    assert "203.0.113.7" in delivery["reason"]
    assert "--webhook-allow" in delivery["reason"]


def test_redeliver_sends_the_same_body_to_another_url(client, advance):
    with receiver() as first, receiver() as second:
        create(client, callbacks=[{"url": first.url, "on_status": "PENDING"}])
        advance(0)
        [original] = deliveries(client)

        response = client.post(
            f"/_mock/deliveries/{original['delivery_id']}/redeliver", json={"url": second.url}
        )
        advance(0)
        [again] = second.wait_for(1)

    assert response.status_code == 202
    assert response.json["redelivery_of"] == original["delivery_id"]
    assert again.body == first.received[0].body


def test_the_delivery_log_shows_the_request_and_filters(client, advance):
    with receiver() as hook:
        item = create(
            client,
            callbacks=[
                {"url": hook.url, "on_status": "PENDING", "signature_secret": SECRET},
                {"url": hook.url, "on_status": "EXECUTING"},
            ],
        )
        advance(1)
        hook.wait_for(2)

    assert len(deliveries(client, work_item_id=item["work_item_id"])) == 2
    [pending] = deliveries(client, status="PENDING")
    detail = client.get(f"/_mock/deliveries/{pending['delivery_id']}").json
    assert detail["request"]["body"]["status"] == "PENDING"
    assert "X-SEMA4AI-SIGNATURE" in detail["request"]["headers"]
    assert client.get("/_mock/deliveries/nope").status_code == 404
    assert client.get("/_mock/deliveries?outcome=weird").status_code == 422
