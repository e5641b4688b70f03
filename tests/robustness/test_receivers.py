"""Receivers that hang, reset or redirect cost only their own deliveries."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from tests.robustness.receivers import resetting
from tests.robustness.wire import call, health_seconds
from tests.support.receiver import receiver
from tests.support.served import Served, served

pytestmark = pytest.mark.served
AGENT = "invoice_processing_agent"


def create_with_callback(base_url: str, url: str, status: str = "PENDING") -> dict:
    body = {"agent_id": AGENT, "callbacks": [{"url": url, "on_status": status}]}
    item: dict = call(base_url, "POST", "/api/v1/work-items", body)
    return item


def deliveries(base_url: str) -> list[dict]:
    found: list[dict] = call(base_url, "GET", "/_mock/deliveries")["deliveries"]
    return found


def test_a_receiver_that_resets_the_connection_is_a_failed_attempt_retried(base_url):
    with resetting() as (url, seen):
        create_with_callback(base_url, url)
        call(base_url, "POST", "/_mock/clock/advance", {"seconds": 5})

    [delivery] = deliveries(base_url)
    assert len(seen) == 2  # the first attempt and its one retry
    assert delivery["outcome"] == "failed"
    assert [a["response_status"] for a in delivery["attempts"]] == [None, None]
    assert all(a["error"] for a in delivery["attempts"])


def test_a_redirect_is_the_answer_and_is_never_followed(base_url):
    with receiver() as elsewhere, receiver(statuses=[302], location=elsewhere.url) as hook:
        create_with_callback(base_url, hook.url)
        call(base_url, "POST", "/_mock/clock/advance", {"seconds": 5})
        assert len(hook.wait_for(2, timeout=2)) == 2

        assert elsewhere.received == []
    assert [a["response_status"] for a in deliveries(base_url)[0]["attempts"]] == [302, 302]


def test_an_advance_waiting_for_a_hanging_receiver_holds_up_no_other_client(base_url):
    release = threading.Event()
    with receiver(hang=release) as hook:
        create_with_callback(base_url, hook.url)
        advancing = threading.Thread(
            target=call, args=(base_url, "POST", "/_mock/clock/advance", {"seconds": 5})
        )
        advancing.start()
        hook.wait_for(1)

        waited = health_seconds(base_url)
        listed = call(base_url, "GET", "/api/v1/work-items")
        still_advancing = advancing.is_alive()
        release.set()
        advancing.join(timeout=10)

    assert still_advancing  # the answers above came while the advance waited on the receiver
    assert waited < 2
    assert len(listed["records"]) == 1


def test_a_callback_to_its_own_inbox_spelled_localhost_is_delivered_in_process(base_url):
    port = base_url.rsplit(":", 1)[1]
    create_with_callback(base_url, f"http://LOCALHOST.:{port}/_mock/inbox/self")

    started = time.monotonic()
    call(base_url, "POST", "/_mock/clock/advance", {"seconds": 1})

    assert time.monotonic() - started < 2
    [delivery] = deliveries(base_url)
    assert delivery["outcome"] == "delivered"
    assert '"capture_id"' in delivery["attempts"][0]["response_body"]


@pytest.fixture(scope="module")
def live() -> Iterator[Served]:
    """A second emulator, on real time: deliveries go out on their own."""
    with served(["--clock", "real", "--webhook-timeout", "20"]) as server:
        yield server


def test_a_hanging_receiver_does_not_starve_a_healthy_one(live):
    release = threading.Event()
    with receiver(hang=release) as hanging, receiver() as healthy:
        for _ in range(12):  # more than the old shared pool of eight threads
            create_with_callback(live.base_url, hanging.url)
        hanging.wait_for(4)
        started = time.monotonic()
        create_with_callback(live.base_url, healthy.url)

        got = healthy.wait_for(1, timeout=5)
        waited = time.monotonic() - started
        release.set()

    assert len(got) == 1
    assert waited < 3
