"""A client that stalls, trickles or never finishes costs only its own connection."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.robustness.conftest import READ_TIMEOUT
from tests.robustness.wire import KEY, call, connect, head_of, health_seconds, read_answer

pytestmark = pytest.mark.served
STALLED = 4  # as many as the old `--threads 4` froze
# A loaded two-core machine may be slow, never this slow: a frozen server answers nothing.
ANSWERS_WITHIN = 2.0


@contextmanager
def stalled(base_url: str, first_bytes: list[bytes]) -> Iterator[list[socket.socket]]:
    socks = []
    try:
        for data in first_bytes:
            sock = connect(base_url)
            sock.sendall(data)
            socks.append(sock)
        yield socks
    finally:
        for sock in socks:
            sock.close()


def half_a_body(path: str, media_type: str = "application/json") -> bytes:
    headers = {"Authorization": f"Bearer {KEY}", "Content-Type": media_type}
    return head_of("POST", path, {**headers, "Content-Length": "4096"}) + b'{"agent_id": "inv'


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/api/v1/work-items", "application/json"),
        ("/_mock/inbox/stalled", "application/json"),  # open to anyone, even with a token
        ("/storage/uploads/f-1", "multipart/form-data; boundary=x"),  # the upload URL
        ("/_mock/clock/advance", "application/json"),
    ],
)
def test_bodies_that_stop_half_way_hold_up_no_other_client(base_url, path, media_type):
    with stalled(base_url, [half_a_body(path, media_type)] * STALLED) as socks:
        assert health_seconds(base_url) < ANSWERS_WITHIN
        item = call(
            base_url, "POST", "/api/v1/work-items", {"agent_id": "invoice_processing_agent"}
        )
        assert item["status"] == "PENDING"
        answers = [read_answer(sock) for sock in socks]

    for answer in answers:
        assert answer is not None
        assert answer.status == 408
        assert answer.error["code"] == "request_timeout"
        assert answer.headers["connection"] == "close"
    call(base_url, "POST", "/api/v1/work-items/" + item["work_item_id"] + "/cancel")
    listed = call(base_url, "GET", "/api/v1/work-items")["records"]
    assert [r["work_item_id"] for r in listed] == [item["work_item_id"]]  # nothing else stored


def test_header_blocks_that_never_end_hold_up_no_one_and_are_closed(base_url):
    slow_heads = [b"GET /api/v1/work-items HTTP/1.1\r\nHost: emulator\r\nX-Slow: "] * STALLED
    with stalled(base_url, slow_heads) as socks:
        assert health_seconds(base_url) < ANSWERS_WITHIN
        started = time.monotonic()
        closed = [read_answer(sock) for sock in socks]

    assert closed == [None] * STALLED  # cut off without an answer
    assert time.monotonic() - started < READ_TIMEOUT + 5


def test_a_body_trickled_a_byte_at_a_time_is_cut_off_at_its_deadline(base_url):
    head = head_of(
        "POST",
        "/api/v1/work-items",
        {
            "Authorization": f"Bearer {KEY}",
            "Content-Type": "application/json",
            "Content-Length": "500",
        },
    )
    sock = connect(base_url)
    sock.sendall(head)
    stop = threading.Event()

    def trickle() -> None:  # never pausing as long as the read timeout, never finishing
        while not stop.wait(READ_TIMEOUT / 4):
            try:
                sock.sendall(b" ")
            except OSError:
                return

    threading.Thread(target=trickle, daemon=True).start()
    started = time.monotonic()
    try:
        answer = read_answer(sock)
    finally:
        stop.set()
        sock.close()

    assert answer is not None
    assert answer.status == 408
    assert time.monotonic() - started < READ_TIMEOUT + 5
    assert call(base_url, "GET", "/api/v1/work-items")["records"] == []


def test_a_latency_fault_holds_back_only_its_own_answers(base_url):
    call(base_url, "POST", "/_mock/faults", {"operation": "listWorkItems", "latency_ms": 3000})
    slow = [
        threading.Thread(target=call, args=(base_url, "GET", "/api/v1/work-items"))
        for _ in range(STALLED)
    ]
    try:
        started = time.monotonic()
        for thread in slow:
            thread.start()
        time.sleep(0.2)
        item = call(
            base_url, "POST", "/api/v1/work-items", {"agent_id": "invoice_processing_agent"}
        )
        assert health_seconds(base_url) < ANSWERS_WITHIN
        answered_meanwhile = time.monotonic() - started
        for thread in slow:
            thread.join(timeout=10)
        held = time.monotonic() - started
    finally:
        call(base_url, "DELETE", "/_mock/faults")

    assert item["status"] == "PENDING"
    assert answered_meanwhile < 2.5  # not behind four answers held for 3 s each
    assert held >= 3
