"""How the Sema4 platform signs callbacks: HMAC-SHA256 of the canonical JSON body, in hex."""

from __future__ import annotations

from typing import Any

from mock_server.webhooks.forgery import WebhookSample
from mock_server.webhooks.signing import SignatureScheme

SEMA4 = SignatureScheme(
    name="sema4",
    header="X-SEMA4AI-SIGNATURE",
    user_agent="Sema4AI-WorkItems-Callback/1.0",
)


def sample_callback(sample: WebhookSample) -> dict[str, Any]:
    """A callback body with every field the emulator sends, in its order."""
    item = sample.resource_id
    return {
        "work_item_id": item,
        "status": sample.status,
        "agent_id": sample.agent_id,
        "timestamp": sample.timestamp,
        "payload": {"invoice_id": "INV-1001", "amount": 125.5},
        "thread_id": f"thread-{item}",
        "work_item_url": f"{sample.base_url}/_mock/work-items/{item}",
        "agent_name": sample.agent_id.replace("_", " ").capitalize(),
    }
