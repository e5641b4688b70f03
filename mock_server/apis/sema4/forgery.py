"""Sample callbacks, correctly signed or deliberately forged, to test a receiver's verification."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from mock_server.webhooks.sender import Answer
from mock_server.webhooks.signing import SEMA4, wire_body


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


def sample_callback(
    work_item_id: str, status: str, timestamp: str, agent_id: str, base_url: str
) -> dict[str, Any]:
    """A callback body with every field the emulator sends, in its order."""
    return {
        "work_item_id": work_item_id,
        "status": status,
        "agent_id": agent_id,
        "timestamp": timestamp,
        "payload": {"invoice_id": "INV-1001", "amount": 125.5},
        "thread_id": f"thread-{work_item_id}",
        "work_item_url": f"{base_url}/_mock/work-items/{work_item_id}",
        "agent_name": agent_id.replace("_", " ").capitalize(),
    }


@dataclass(frozen=True)
class Delivery:
    tamper: Tamper
    document: Any  # what was sent, after any tampering
    headers: dict[str, str]
    body: bytes

    @property
    def signature(self) -> str | None:
        return self.headers.get(SEMA4.header)


def forge(document: Any, secret: str, tamper: Tamper) -> Delivery:
    """`document` signed with `secret`, then broken as `tamper` says."""
    signature = SEMA4.sign_document(
        f"{secret}-wrong" if tamper is Tamper.SECRET else secret, document
    )
    if tamper is Tamper.BODY:
        document = _altered(document)
    if tamper is Tamper.SIGNATURE:
        # Still 64 lowercase hex digits, so only a real HMAC comparison can tell.
        signature = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    headers = {"Content-Type": "application/json", "User-Agent": SEMA4.user_agent}
    if tamper is not Tamper.MISSING:
        headers[SEMA4.header] = signature
    return Delivery(tamper, document, headers, wire_body(document))


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
