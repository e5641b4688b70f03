"""Webhook attempts run a few at a time per destination, so one receiver cannot starve another."""

from __future__ import annotations

import threading

from mock_server.webhooks.lanes import Lanes


def test_a_destination_full_of_hanging_attempts_does_not_delay_another():
    lanes = Lanes(per_destination=2, threads=8)
    release = threading.Event()
    started: list[str] = []

    def hang() -> None:
        started.append("slow")
        release.wait(10)

    hung = [lanes.submit("slow", hang) for _ in range(6)]

    healthy = lanes.submit("healthy", lambda: started.append("healthy"))

    healthy.result(timeout=5)
    assert started.count("slow") == 2  # the other four wait in their own line, holding nothing
    release.set()
    for future in hung:
        future.result(timeout=5)
    assert started.count("slow") == 6


def test_close_gives_up_on_running_attempts_after_the_grace_and_drops_waiting_ones():
    lanes = Lanes(per_destination=1, threads=4)
    release, started = threading.Event(), threading.Event()

    def hang() -> None:
        started.set()
        release.wait(10)

    running = lanes.submit("slow", hang)
    waiting = lanes.submit("slow", lambda: None)
    assert started.wait(5)

    abandoned = lanes.close(grace=0.2)

    assert abandoned == 1
    assert waiting.done()  # never ran, never will
    assert running.done()  # given up: whoever waited for it (an advance) is let go
    assert lanes.submit("other", lambda: None).done()  # closed: nothing more runs
    release.set()
