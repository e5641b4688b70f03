from datetime import UTC, datetime

import pytest

from mock_server.core.errors import TooManyRequests
from mock_server.webhooks.capture import MAX_STORED_BODY, Incoming, request_from_json
from mock_server.webhooks.inbox import Inbox
from mock_server.webhooks.inboxes import InboxRegistry

NOW = datetime(2025, 1, 1, tzinfo=UTC)


def request(body: bytes = b"{}") -> Incoming:
    return Incoming("POST", "/hook", "", {"Content-Type": "application/json"}, body)


def test_an_inbox_keeps_only_its_newest_captures_and_ids_keep_counting():
    inbox = Inbox("bounded", limit=3)

    for _ in range(5):
        inbox.receive(request(), NOW)

    assert [c.id for c in inbox.captures()] == [3, 4, 5]


def test_a_huge_body_is_cut_when_stored_but_its_size_is_kept():
    inbox = Inbox("big")

    capture = inbox.receive(request(b"x" * (MAX_STORED_BODY + 10)), NOW)

    assert len(capture.request.body) == MAX_STORED_BODY
    assert capture.body_size == MAX_STORED_BODY + 10
    assert capture.to_json()["body_truncated"] is True


def test_a_saved_capture_gives_back_the_exact_request():
    original = Incoming("PUT", "/a", "x=1", {"X-Key": "v"}, b"\x00\xffbytes")
    saved = Inbox("i").receive(original, NOW).to_json()

    assert request_from_json(saved) == original


def test_a_cut_capture_cannot_be_replayed():
    saved = Inbox("i").receive(request(b"x" * (MAX_STORED_BODY + 1)), NOW).to_json()

    with pytest.raises(ValueError, match="cut"):
        request_from_json(saved)


def test_the_number_of_inboxes_is_bounded():
    registry = InboxRegistry(limit=1)
    registry.get("one")

    assert registry.get("one").name == "one"
    with pytest.raises(TooManyRequests):
        registry.get("two")


def test_an_inbox_keeps_at_most_its_byte_budget_dropping_the_oldest_first():
    inbox = Inbox("budget", byte_limit=2500)

    for _ in range(5):
        inbox.receive(request(b"x" * 1000), NOW)

    assert [c.id for c in inbox.captures()] == [4, 5]
