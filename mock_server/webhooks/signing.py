"""Webhook signatures: HMAC-SHA256 over a canonical JSON form of the body."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    VALID = "valid"
    INVALID = "invalid"
    MISSING = "missing"


def canonical_json(document: Any) -> bytes:
    """Sorted keys, compact separators, ASCII escapes: what the platform signs."""
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class SignatureScheme:
    """Where a signature travels and how it is computed.

    The signed string is not the bytes on the wire: the receiver parses the JSON body and
    re-serialises it canonically before computing the HMAC (as the platform's sample receiver
    does), so whitespace or key order on the wire never breaks verification.
    """

    name: str  # how `--scheme` and inbox verdicts call it
    header: str
    user_agent: str
    mismatch: str = "does not match the body re-serialised with sorted keys and compact separators"
    explain: str = (
        "the hex HMAC-SHA256, with the callback's secret, of the JSON body re-serialised with "
        "sorted keys and compact separators (not of the raw bytes received)"
    )

    def signed_text(self, body: bytes) -> str:
        """The exact string the signature covers, for a receiver to compare with its own."""
        try:
            return canonical_json(json.loads(body)).decode("utf-8")
        except ValueError:
            return "(the body is not JSON, so it cannot be signed)"

    def sign_document(self, secret: str, document: Any) -> str:
        digest = hmac.new(secret.encode("utf-8"), canonical_json(document), hashlib.sha256)
        return digest.hexdigest()

    def sign(self, secret: str, body: bytes) -> str:
        """The signature of a raw body; ValueError if it is not JSON."""
        return self.sign_document(secret, json.loads(body))

    def verify(self, secret: str, body: bytes, signature: str | None) -> Verdict:
        if not signature:
            return Verdict.MISSING
        try:
            expected = self.sign(secret, body)
        except ValueError:
            return Verdict.INVALID
        return (
            Verdict.VALID if hmac.compare_digest(expected, signature.strip()) else Verdict.INVALID
        )


def wire_body(document: Any) -> bytes:
    """The bytes sent: Python's default JSON form, as the platform's `requests` call sends."""
    return json.dumps(document).encode("utf-8")
