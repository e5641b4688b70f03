"""DocLD's webhook signature, computed here independently of the emulator's code."""

from __future__ import annotations

import hashlib
import hmac

# DocLD documents an HMAC-SHA256 of the raw body with the subscription's secret; the header
# and encoding are the contract's (openapi.yaml `webhooks.event`), unverified against DocLD.
SIGNATURE_HEADER = "x-docld-signature"
PREFIX = "sha256="


def expected_signature(secret: str, raw_body: bytes) -> str:
    """`sha256=` and the lowercase hex HMAC-SHA256 of the bytes exactly as they arrived."""
    return PREFIX + hmac.new(secret.encode("utf-8"), raw_body, hashlib.sha256).hexdigest()


def verifies(secret: str, raw_body: bytes, header: str | None) -> bool:
    if not header:
        return False
    return hmac.compare_digest(expected_signature(secret, raw_body), header.strip())
