"""Platform callbacks: NEEDS_REVIEW by default, fired once at the end of a run, six fields."""

from __future__ import annotations

import hashlib
import hmac
import json

import jsonschema
import pytest

from tests.support.contract import contract
from tests.support.platform import API, CLAIMS, INVOICES, JUDGE, REVIEWS, create
from tests.support.receiver import receiver
from tests.support.workitems import state_of

SECRET = "whsec_platform"
SIX_FIELDS = ["work_item_id", "agent_id", "thread_id", "status", "work_item_url", "agent_name"]


def deliveries(client) -> list[dict]:
    return client.get("/_mock/deliveries").json["deliveries"]


def test_a_callback_without_on_status_is_for_needs_review(client):
    item = create(client, callbacks=[{"url": "http://127.0.0.1:9/cb"}])

    assert item["callbacks"] == [{"url": "http://127.0.0.1:9/cb", "on_status": "NEEDS_REVIEW"}]


@pytest.mark.parametrize("status", ["PENDING", "EXECUTING", "DRAFT", "PAUSED", "FAILED"])
def test_only_the_five_statuses_a_run_can_end_in_take_a_callback(client, emulator, status):
    before = state_of(emulator)

    response = client.post(
        API, json={"agent_id": INVOICES, "callbacks": [{"url": "http://x", "on_status": status}]}
    )

    assert response.status_code == 422
    assert state_of(emulator) == before


def test_an_empty_url_is_400_but_any_other_text_is_taken(client):
    empty = client.post(API, json={"agent_id": INVOICES, "callbacks": [{"url": ""}]})
    odd = client.post(API, json={"agent_id": INVOICES, "callbacks": [{"url": "not a url"}]})

    assert empty.status_code == 400
    assert empty.json["error"]["message"] == "Callback URL is required"
    assert odd.status_code == 200


def test_a_second_callback_for_one_status_is_400_in_the_platforms_own_words(client):
    twice = [{"url": f"http://x/{n}", "on_status": "ERROR"} for n in (1, 2)]

    response = client.post(API, json={"agent_id": INVOICES, "callbacks": twice})

    assert response.status_code == 400
    # No trailing period: the platform's literal text (rest.py _validate_callbacks).
    assert response.json["error"]["message"] == (
        "Multiple callbacks for a status (ERROR) are not allowed"
    )


def test_the_end_of_a_run_posts_exactly_the_platforms_six_fields_signed(client, advance):
    with receiver() as hook:
        callbacks = [
            {"url": hook.url, "on_status": "COMPLETED", "signature_secret": SECRET},
            {"url": hook.url, "on_status": "CANCELLED"},
        ]
        item = create(client, callbacks=callbacks)
        advance(3)
        [got] = hook.wait_for(1)

    body = json.loads(got.body)
    read = client.get(f"{API}/{item['work_item_id']}").json
    assert list(body) == SIX_FIELDS  # callbacks.py's order (§8.2)
    assert body == {
        "work_item_id": item["work_item_id"],
        "agent_id": INVOICES,
        "thread_id": read["thread_id"],
        "status": "COMPLETED",
        "work_item_url": read["work_item_url"],
        "agent_name": "Invoice Processing Agent",
    }
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    assert (
        got.headers["X-Sema4Ai-Signature"]
        == hmac.new(SECRET.encode(), canonical, hashlib.sha256).hexdigest()
    )
    callback = contract("platform").resolved["paths"]["/work-items"]["post"]["callbacks"]
    schema = callback["workItemStatus"]["{$request.body#/callbacks/0/url}"]["post"]
    jsonschema.validate(body, schema["requestBody"]["content"]["application/json"]["schema"])


@pytest.mark.parametrize(
    ("agent", "status"),
    [
        (INVOICES, "COMPLETED"),
        (REVIEWS, "NEEDS_REVIEW"),
        (CLAIMS, "ERROR"),
        (JUDGE, "INDETERMINATE"),
    ],
)
def test_each_outcome_of_a_run_fires_its_callback(client, advance, agent, status):
    with receiver() as hook:
        create(client, agent, callbacks=[{"url": hook.url, "on_status": status}])
        advance(3)
        [got] = hook.wait_for(1)

    assert json.loads(got.body)["status"] == status


def test_a_failed_delivery_is_not_retried(client, advance):
    with receiver(statuses=[500]) as hook:
        create(client, callbacks=[{"url": hook.url, "on_status": "COMPLETED"}])
        advance(60)
        got = hook.wait_for(1)

    [delivery] = deliveries(client)
    assert len(got) == 1
    assert (delivery["outcome"], len(delivery["attempts"])) == ("failed", 1)


def test_cancel_and_complete_fire_nothing(client, advance):
    with receiver() as hook:
        hooks = [{"url": hook.url, "on_status": s} for s in ("CANCELLED", "COMPLETED")]
        cancelled = create(client, REVIEWS, callbacks=hooks)["work_item_id"]
        completed = create(client, REVIEWS, callbacks=hooks)["work_item_id"]
        client.post(f"{API}/{cancelled}/cancel")
        advance(3)  # the second one ends its run in NEEDS_REVIEW (no callback for it)
        client.post(f"{API}/{completed}/complete")
        advance(60)

    assert deliveries(client) == []
    assert hook.received == []


def test_cancelling_a_running_item_stops_its_run_so_nothing_fires(client, advance):
    with receiver() as hook:
        hooks = [{"url": hook.url, "on_status": s} for s in ("CANCELLED", "COMPLETED")]
        item_id = create(client, callbacks=hooks)["work_item_id"]
        advance(1)
        client.post(f"{API}/{item_id}/cancel")
        advance(60)

    assert hook.received == []


def test_completing_a_running_item_fires_completed_when_its_run_ends(client, advance):
    """§8.3: the run goes on; when it ends the executor sees COMPLETED and fires it."""
    with receiver() as hook:
        item_id = create(client, callbacks=[{"url": hook.url, "on_status": "COMPLETED"}])[
            "work_item_id"
        ]
        advance(1)
        client.post(f"{API}/{item_id}/complete")
        assert deliveries(client) == []
        advance(2)
        [got] = hook.wait_for(1)

    assert json.loads(got.body)["status"] == "COMPLETED"
    assert client.get(f"{API}/{item_id}").json["completed_by"] == "HUMAN"
