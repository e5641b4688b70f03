"""A hanging receiver slows only itself, and never holds up a shutdown."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from mock_server import create_app
from mock_server.core.clock import ClockMode, stopwatch
from mock_server.settings import Settings
from tests.support.receiver import receiver
from tests.support.workitems import create


@pytest.fixture
def live():
    """An emulator on real time with a long attempt timeout, so hanging attempts stay hung."""
    app = create_app(Settings(clock_mode=ClockMode.REAL, webhook_timeout_seconds=30))
    emulator = app.extensions["workitems_mock"]
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = "Bearer local-dev-key"
    emulator.start()
    yield client, emulator
    emulator.stop()


@pytest.fixture
def hanging() -> Iterator:
    release = threading.Event()
    with receiver(hang=release) as hook:
        yield hook
        release.set()


def test_a_healthy_receiver_is_served_while_another_hangs_on_many_deliveries(live, hanging):
    client, _ = live
    for _ in range(12):  # more than the old shared pool of 8 threads
        create(client, callbacks=[{"url": hanging.url, "on_status": "PENDING"}])
    hanging.wait_for(4)
    with receiver() as healthy:
        create(client, callbacks=[{"url": healthy.url, "on_status": "PENDING"}])

        got = healthy.wait_for(1, timeout=5)

    assert len(got) == 1
    assert len(hanging.wait_for(1, timeout=0)) == 4  # at most 4 at once reach one receiver


def test_shutdown_gives_up_on_hanging_attempts_after_a_short_grace_and_records_them(live, hanging):
    client, emulator = live
    for _ in range(3):
        create(client, callbacks=[{"url": hanging.url, "on_status": "PENDING"}])
    hanging.wait_for(3)

    elapsed = stopwatch()
    given_up = emulator.dispatcher.close(grace=0.5)

    assert elapsed() < 3
    assert given_up == 3
    for delivery in client.get("/_mock/deliveries").get_json()["deliveries"]:
        assert delivery["outcome"] == "pending"  # a saved state retries it after a restart
        assert (
            delivery["attempts"][0]["error"] == "given up at shutdown after 0.5 s without an answer"
        )
        assert delivery["next_attempt_at"] is not None
