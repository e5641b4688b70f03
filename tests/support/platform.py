"""Helpers for tests of the platform profile: its agents, its prefix, creating items."""

from __future__ import annotations

import io
from typing import Any

from flask.testing import FlaskClient

API = "/api/public/v1/work-items"
INVOICES = "4a1f6c2e-8b3d-4e5f-9a7b-1c2d3e4f5a6b"  # scenario complete
REVIEWS = "7d2e9f1a-3c4b-4d5e-8f6a-2b3c4d5e6f7a"  # needs_review
CLAIMS = "9c3b1a2d-5e6f-4a7b-8c9d-3e4f5a6b7c8d"  # fail: ERROR
JUDGE = "2f8e7d6c-1b2a-4c3d-9e8f-4a5b6c7d8e9f"  # indeterminate
DEVELOPER = "5b0c8e1f-2a3d-4b6c-9d7e-0f1a2b3c4d5e"  # local-dev-key's user id
UNKNOWN = "00000000-0000-4000-8000-000000000000"


def create(client: FlaskClient, agent_id: str = INVOICES, **fields: Any) -> dict[str, Any]:
    body = {"agent_id": agent_id, "payload": {"invoice_id": "ABC123"}, **fields}
    response = client.post(API, json=body)
    assert response.status_code == 200, response.json
    result: dict[str, Any] = response.get_json()
    return result


def status_of(client: FlaskClient, item_id: str) -> str:
    response = client.get(f"{API}/{item_id}")
    assert response.json is not None
    status: str = response.json["status"]
    return status


def upload_stub(client: FlaskClient, name: str = "invoice.pdf") -> str:
    """A DRAFT item with one file, as upload-file makes it."""
    response = client.post(
        f"{API}/upload-file",
        data={"file": (io.BytesIO(b"%PDF-1.4"), name)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200, response.json
    assert response.json is not None
    item_id: str = response.json["work_item_id"]
    return item_id
