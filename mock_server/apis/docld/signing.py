"""DocLD's webhook signature: HMAC-SHA256 over the raw body, as `sha256=<hex>`."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from mock_server.webhooks.forgery import WebhookSample
from mock_server.webhooks.signing import SignatureScheme, Verdict


def envelope_bytes(document: Any) -> bytes:
    """The bytes sent (and signed): compact JSON, UTF-8."""
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@dataclass(frozen=True)
class RawBodySignature(SignatureScheme):
    """A scheme that signs the bytes on the wire, unlike Sema4's canonical-JSON one: a
    receiver must verify the body exactly as received, before parsing it."""

    prefix: str = "sha256="

    def sign(self, secret: str, body: bytes) -> str:
        digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
        return self.prefix + digest

    def sign_document(self, secret: str, document: Any) -> str:
        return self.sign(secret, envelope_bytes(document))

    def verify(self, secret: str, body: bytes, signature: str | None) -> Verdict:
        if not signature:
            return Verdict.MISSING
        expected = self.sign(secret, body)
        return (
            Verdict.VALID if hmac.compare_digest(expected, signature.strip()) else Verdict.INVALID
        )


# FIDELITY: DocLD documents an HMAC of the raw body with the webhook's secret. The header's
# name and the digest's encoding are not documented (the page is cut off): `X-DocLD-Signature`
# and `sha256=` + lowercase hex are the emulator's choice, unverified against the platform.
DOCLD = RawBodySignature(
    name="docld",
    header="X-DocLD-Signature",
    user_agent="DocLD-Webhooks/1.0",
    mismatch="does not match the HMAC-SHA256 of the raw body as received (sha256=<hex>)",
    summary=(("event", "event"), ("execution", "data.execution_id"), ("status", "data.status")),
)


def sample_event(sample: WebhookSample) -> dict[str, Any]:
    """A `workflow.completed` (or `.failed`, as `--status` says) envelope as the emulator
    sends it, for `send-webhook --scheme docld`; `--work-item-id` is the execution id."""
    failed = sample.status.lower() == "failed"
    event = "workflow.failed" if failed else "workflow.completed"
    step = {
        "step_id": "extract", "type": "extract", "status": "failed" if failed else "completed",
        "duration_ms": 3000, "started_at": sample.timestamp, "completed_at": sample.timestamp,
        "output": None if failed else {"invoice_number": "INV-2024-0042", "total": 1250.0},
        "error": "Extraction failed" if failed else None,
    }  # fmt: skip
    return {
        "event": event,
        "timestamp": sample.timestamp,
        "webhook_id": "5a3d0e7c-0000-4000-8000-000000000001",
        "data": {
            "execution_id": sample.resource_id,
            "workflow_id": "9b1f4d2e-0000-4000-8000-000000000001",
            "workflow_name": "Invoice Processing",
            "status": "failed" if failed else "completed",
            "triggered_by": "event",
            "started_at": sample.timestamp,
            "trigger_data": {"event": "document.uploaded", "document_id": "doc-1"},
            "completed_at": sample.timestamp,
            "error": "Step extract failed: Extraction failed" if failed else None,
            "execution_log": [step],
        },
    }
