"""Helpers for driving work items through the API in tests."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from mock_server.apis.sema4.runtime import Sema4Runtime
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
    with sema4_of(emulator).items.lock:
        item = sema4_of(emulator).items.store.get(work_item_id)
        assert item is not None
        sema4_of(emulator).items.commit(item, "test", status=status)


def state_of(emulator: Emulator) -> tuple[object, ...]:
    """Everything a failed request must leave untouched."""
    with sema4_of(emulator).items.lock:
        return (
            tuple(sema4_of(emulator).items.store),
            dict(sema4_of(emulator).files.pending),
        )


def sema4_of(emulator: Emulator) -> Sema4Runtime:
    """The emulator's Sema4 API, typed as its own runtime."""
    api = emulator.apis["sema4"]
    assert isinstance(api, Sema4Runtime)
    return api
