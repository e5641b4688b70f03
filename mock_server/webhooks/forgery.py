"""Sample callbacks, correctly signed or deliberately forged, to test a receiver's verification."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from mock_server.webhooks.sender import Answer
from mock_server.webhooks.signing import SignatureScheme, wire_body


class Tamper(StrEnum):
    NONE = "none"
    BODY = "body"
    SIGNATURE = "signature"
    SECRET = "secret"
    MISSING = "missing"


WHAT = {
    Tamper.NONE: "correctly signed",
    Tamper.BODY: "body changed after signing",
    Tamper.SIGNATURE: "signature altered",
    Tamper.SECRET: "signed with the wrong secret",
    Tamper.MISSING: "no signature header",
}


@dataclass(frozen=True)
class WebhookSample:
    """What `send-webhook` asks an API for a sample body of (each API has its own shape)."""

    resource_id: str
    status: str
    agent_id: str
    timestamp: str
    base_url: str


@dataclass(frozen=True)
class Delivery:
    tamper: Tamper
    document: Any  # what was sent, after any tampering
    headers: dict[str, str]
    body: bytes
    signature_header: str

    @property
    def signature(self) -> str | None:
        return self.headers.get(self.signature_header)


def forge(document: Any, secret: str, tamper: Tamper, scheme: SignatureScheme) -> Delivery:
    """`document` signed with `secret` in `scheme`, then broken as `tamper` says."""
    body = wire_body(document)
    signature = scheme.sign(f"{secret}-wrong" if tamper is Tamper.SECRET else secret, body)
    if tamper is Tamper.BODY:
        document = _altered(document)
        body = wire_body(document)
    if tamper is Tamper.SIGNATURE:
        # The same length and alphabet, so only a real HMAC comparison can tell.
        signature = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    headers = {"Content-Type": "application/json", "User-Agent": scheme.user_agent}
    if tamper is not Tamper.MISSING:
        headers[scheme.header] = signature
    return Delivery(tamper, document, headers, body, scheme.header)


def _altered(document: Any) -> Any:
    """One extra field in the payload: a change a receiver could only catch by verifying."""
    if isinstance(document, dict) and isinstance(document.get("payload"), dict):
        return {**document, "payload": {**document["payload"], "tampered": True}}
    if isinstance(document, dict):
        return {**document, "tampered": True}
    return {"tampered": document}


@dataclass(frozen=True)
class Judgement:
    correct: bool
    text: str


def judge(tamper: Tamper, answer: Answer) -> Judgement:
    """Did the receiver do what a correct one does: 2xx when genuine, 4xx when forged?"""
    status = answer.status
    if status is None:
        return Judgement(False, f"no answer: {answer.error}")
    if tamper is Tamper.NONE:
        if 200 <= status < 300:
            return Judgement(True, "accepted a correctly signed delivery")
        return Judgement(False, f"answered {status} to a correctly signed delivery (expected 2xx)")
    if 400 <= status < 500:
        return Judgement(True, "rejected a forged delivery")
    if 200 <= status < 300:
        return Judgement(False, "ACCEPTED a forged delivery: it does not verify the signature")
    return Judgement(False, f"answered {status} to a forged delivery (expected 4xx)")
