"""The served worker freezes what survives a full collection; that is safe only without cycles."""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from mock_server.serving import tenure_survivors
from tests.conftest import AGENT

INBOX = "http://127.0.0.1:8080/_mock/inbox/gc"


@pytest.fixture
def collector_paused() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _fill(client: FlaskClient, count: int) -> None:
    """Items with everything that hangs off one: messages, callbacks and their deliveries,
    a file, agent replies, history from a second run."""
    callbacks = [
        {"url": INBOX, "on_status": status, "signature_secret": "s3cret"}
        for status in ("PENDING", "COMPLETED", "PAUSED")
    ]
    for n in range(count):
        uploaded = client.post(
            "/api/v1/work-items/upload-file",
            data={"file": (io.BytesIO(b"%PDF-1.4"), "a.pdf")},
        )
        assert uploaded.status_code == 200, uploaded.json
        stub: dict[str, Any] = uploaded.get_json()
        created = client.post(
            "/api/v1/work-items",
            json={
                "work_item_id": stub["work_item_id"],
                "agent_id": AGENT,
                "payload": {"n": n, "lines": [{"sku": "A", "qty": 2}]},
                "messages": [{"role": "user", "content": [{"kind": "text", "text": "hi"}]}],
                "callbacks": callbacks,
            },
            headers={"Prefer": "scenario=needs_review"},
        )
        assert created.status_code == 200, created.json
    assert client.post("/_mock/clock/advance", json={"seconds": 60}).status_code == 200
    received: dict[str, Any] = client.get("/_mock/inbox/gc/requests").get_json()
    assert len(received["requests"]) >= 2 * count  # PENDING and PAUSED at least, each


def _garbage_left_by_reset(client: FlaskClient) -> int:
    gc.collect()  # the requests' own short-lived garbage, not what this test is about
    assert client.post("/_mock/reset", json={}).status_code == 200
    return gc.collect()


@pytest.mark.usefixtures("collector_paused")
def test_reset_leaves_no_cyclic_garbage_that_grows_with_the_store(client: FlaskClient) -> None:
    _fill(client, 5)
    few = _garbage_left_by_reset(client)
    _fill(client, 50)
    many = _garbage_left_by_reset(client)
    # Items, deliveries, files and history are freed by reference counting alone: a cycle
    # per item would be kept forever once frozen, and would show here as ~10x the garbage.
    assert many <= few + 20, (few, many)


def test_only_a_full_collection_freezes_its_survivors() -> None:
    survivor = [object()]
    gc.collect()
    try:
        before = gc.get_freeze_count()
        tenure_survivors("stop", {"generation": 1, "collected": 0, "uncollectable": 0})
        assert gc.get_freeze_count() == before
        tenure_survivors("stop", {"generation": 2, "collected": 0, "uncollectable": 0})
        assert gc.get_freeze_count() > before
        assert not any(o is survivor for o in gc.get_objects())  # no longer scanned
    finally:
        gc.unfreeze()
