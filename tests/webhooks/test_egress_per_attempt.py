"""The egress policy holds on every attempt, for the address actually connected to."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from mock_server import create_app
from mock_server.core.clock import ClockMode
from mock_server.settings import Settings
from mock_server.webhooks.egress import EgressPolicy
from tests.support.receiver import receiver
from tests.support.workitems import create

Resolver = Callable[[str], list[str]]


def use_resolver(emulator, resolve: Resolver) -> None:
    own = emulator.dispatcher.egress._is_own_inbox
    emulator.dispatcher.egress = EgressPolicy((), own, resolve)


def deliveries(client) -> list[dict]:
    return client.get("/_mock/deliveries").get_json()["deliveries"]


def test_a_name_that_rebinds_off_loopback_on_a_retry_is_blocked_there(client, emulator, advance):
    answers = iter([["127.0.0.1"], ["10.0.0.9"], ["10.0.0.9"], ["10.0.0.9"]])
    use_resolver(emulator, lambda host: next(answers))
    with receiver(statuses=[500]) as hook:
        url = hook.url.replace("127.0.0.1", "rebind.test")
        create(client, callbacks=[{"url": url, "on_status": "PENDING"}])
        advance(20)
        got = hook.wait_for(1, timeout=1)

    [delivery] = deliveries(client)
    assert len(got) == 1  # the first attempt only: the retry would have gone to 10.0.0.9
    assert delivery["outcome"] == "blocked"
    assert delivery["reason"].startswith("attempt 2: ")
    assert "10.0.0.9" in delivery["reason"]


def test_the_attempt_connects_to_the_address_that_was_checked_not_a_new_lookup(
    client, emulator, advance
):
    use_resolver(emulator, lambda host: ["127.0.0.1"] if host == "hooks.test" else [])
    with receiver() as hook:
        port = hook.url.split(":")[2].split("/")[0]
        create(
            client, callbacks=[{"url": f"http://hooks.test:{port}/hook", "on_status": "PENDING"}]
        )
        advance(1)
        [got] = hook.wait_for(1)

    # `hooks.test` exists in no real DNS: the request reached the receiver because the
    # connection went to the pinned 127.0.0.1, with the URL's host in the Host header.
    assert got.headers["Host"] == f"hooks.test:{port}"
    assert deliveries(client)[0]["outcome"] == "delivered"


def test_a_redirect_is_the_receivers_answer_and_is_never_followed(client, advance):
    with receiver(statuses=[302]) as hook:
        create(client, callbacks=[{"url": hook.url, "on_status": "PENDING"}])
        advance(1)
        hook.wait_for(1)

    [delivery] = deliveries(client)
    assert delivery["attempts"][0]["response_status"] == 302
    assert delivery["attempts"][0]["error"] == "receiver answered 302"


def test_a_slow_lookup_holds_no_lock_so_requests_go_on_meanwhile():
    app = create_app(Settings(clock_mode=ClockMode.REAL, webhook_timeout_seconds=5))
    emulator = app.extensions["workitems_mock"]
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = "Bearer local-dev-key"
    looking_up, release = threading.Event(), threading.Event()

    def hanging_resolver(host: str) -> list[str]:
        looking_up.set()
        release.wait(10)
        return ["127.0.0.1"]

    use_resolver(emulator, hanging_resolver)
    emulator.start()
    try:
        create(client, callbacks=[{"url": "http://slow.test:9/x", "on_status": "PENDING"}])
        assert looking_up.wait(5)
        done = threading.Event()

        def second_create() -> None:
            create(client, callbacks=[{"url": "http://slow.test:9/y", "on_status": "PENDING"}])
            done.set()

        threading.Thread(target=second_create, daemon=True).start()
        # Before: the lookup ran under the dispatcher's lock, which every create with a
        # callback needs, so this create waited for the resolver.
        assert done.wait(3)
    finally:
        release.set()
        emulator.stop()


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "localhost", "LOCALHOST", "localhost.", "[::1]", "127.1", "0x7f000001"],
)
def test_a_callback_to_an_own_inbox_is_delivered_in_process_however_it_is_spelled(
    client, emulator, advance, host
):
    port = emulator.settings.port
    use_resolver(emulator, lambda name: [])  # a lookup would block it: it must not happen
    create(
        client,
        callbacks=[{"url": f"http://{host}:{port}/_mock/inbox/mine", "on_status": "PENDING"}],
    )
    advance(1)

    [delivery] = deliveries(client)
    assert delivery["outcome"] == "delivered"
    assert '"capture_id"' in delivery["attempts"][0]["response_body"]  # the inbox answered
    assert len(client.get("/_mock/inbox/mine/requests").get_json()["requests"]) == 1
