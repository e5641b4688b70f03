"""Regenerates fixtures/sets/demo.json: a few work items in telling statuses, for demos."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from mock_server import create_app
from mock_server.core.clock import Clock, ClockMode
from mock_server.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
AUTH = {"Authorization": "Bearer local-dev-key"}


def build() -> dict[str, object]:
    clock = Clock(ClockMode.MANUAL, start=datetime(2025, 1, 15, 9, 0, tzinfo=UTC))
    client = create_app(Settings(seed=2025, clock_mode=ClockMode.MANUAL), clock=clock).test_client()

    def create(agent: str, scenario: str, invoice: str) -> None:
        body = {
            "agent_id": agent,
            "payload": {"invoice_id": invoice},
            "messages": [
                {"role": "user", "content": [{"kind": "text", "text": f"Process {invoice}"}]}
            ],
        }
        headers = {**AUTH, "Prefer": f"scenario={scenario}"}
        assert client.post("/api/v1/work-items", json=body, headers=headers).status_code == 200

    create("invoice_processing_agent", "complete", "INV-1001")
    create("document_review_agent", "needs_review", "INV-1002")
    create("invoice_processing_agent", "fail", "INV-1003")
    client.post("/_mock/clock/advance", json={"seconds": 5})
    create("invoice_processing_agent", "idle", "INV-1004")
    files = ROOT / "fixtures" / "files"
    with (files / "invoice.pdf").open("rb") as pdf:
        client.post(
            "/api/v1/work-items/upload-file", data={"file": (pdf, "invoice.pdf")}, headers=AUTH
        )
    state: dict[str, object] = client.get("/_mock/state?include_secrets=true").get_json()
    return state


if __name__ == "__main__":
    target = ROOT / "fixtures" / "sets" / "demo.json"
    target.write_text(json.dumps(build(), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {target}")  # noqa: T201
