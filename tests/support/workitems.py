"""Helpers for driving work items through the API in tests."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from mock_server.emulator import Emulator

AGENT = "invoice_processing_agent"
API = "/api/v1/work-items"

TEXT_MESSAGE = {"role": "user", "content": [{"kind": "text", "text": "Please process this"}]}


def create(client: FlaskClient, **fields: Any) -> dict[str, Any]:
    body = {"agent_id": AGENT, "payload": {"invoice_id": "ABC123"}, **fields}
    response = client.post(API, json=body)
    assert response.status_code == 200, response.json
    result: dict[str, Any] = response.get_json()
    return result


def force_status(emulator: Emulator, work_item_id: str, status: str) -> None:
    """Put an item in any status, bypassing the lifecycle (test set-up only)."""
    with emulator.items.lock:
        item = emulator.items.store.get(work_item_id)
        assert item is not None
        emulator.items.commit(item, "test", status=status)


def state_of(emulator: Emulator) -> tuple[object, ...]:
    """Everything a failed request must leave untouched."""
    with emulator.items.lock:
        return (tuple(emulator.items.store), dict(emulator.files.pending))
