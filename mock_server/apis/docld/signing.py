"""DocLD's webhook signature: HMAC-SHA256 over the raw body, as `sha256=<hex>`.

FIDELITY: DocLD documents an HMAC of the raw body with the webhook's secret. The header's
name and the digest's encoding are not documented (the page is cut off): `X-DocLD-Signature`
and `sha256=` + lowercase hex are the emulator's choice, unverified against the platform.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

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


DOCLD = RawBodySignature(header="X-DocLD-Signature", user_agent="DocLD-Webhooks/1.0")
