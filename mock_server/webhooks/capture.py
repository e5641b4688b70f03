"""Captured webhook requests: the record and its signature verdict."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mock_server.core.clock import isoformat_z
from mock_server.core.jsontext import JsonRefused, strict_loads
from mock_server.webhooks.signing import SignatureScheme, Verdict

MAX_STORED_BODY = 1024 * 1024  # bytes kept per capture; the verdict sees the whole body


@dataclass(frozen=True)
class Incoming:
    """One HTTP request as it arrived, independent of any web framework."""

    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    body: bytes

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), None)


@dataclass(frozen=True)
class SignatureCheck:
    verdict: Verdict
    received: str | None
    expected: str | None
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict.value,
            "received": self.received,
            "expected": self.expected,
            "reason": self.reason,
        }


def scheme_for(request: Incoming, schemes: Sequence[SignatureScheme]) -> SignatureScheme | None:
    """The scheme whose signature header the request carries, else the first one known."""
    present = next((s for s in schemes if request.header(s.header) is not None), None)
    return present or (schemes[0] if schemes else None)


def check_signature(
    secret: str, request: Incoming, schemes: Sequence[SignatureScheme]
) -> SignatureCheck | None:
    """The verdict with a reason a developer can act on (and the signature we expected);
    None when no scheme is known to check with."""
    scheme = scheme_for(request, schemes)
    if scheme is None:
        return None
    received = request.header(scheme.header)
    verdict = scheme.verify(secret, request.body, received)
    if verdict is Verdict.MISSING:
        return SignatureCheck(verdict, received, None, f"no {scheme.header} header")
    if verdict is Verdict.VALID:
        return SignatureCheck(verdict, received, None, "matches the body")
    try:
        expected = scheme.sign(secret, request.body)
    except ValueError:
        return SignatureCheck(verdict, received, None, "the body is not JSON")
    return SignatureCheck(verdict, received, expected, scheme.mismatch)


@dataclass(frozen=True)
class Capture:
    id: int
    inbox: str
    received_at: datetime
    request: Incoming  # body cut to MAX_STORED_BODY
    body_size: int
    signature: SignatureCheck | None  # None: no secret to check against
    answer: int
    delay_seconds: float = 0.0
    note: str | None = None

    @property
    def truncated(self) -> bool:
        return self.body_size > len(self.request.body)

    def document(self) -> Any:
        """The body as JSON, or None when it is not (or was cut)."""
        if self.truncated:
            return None
        try:
            return strict_loads(self.request.body)  # a body no answer could hold shows as None
        except JsonRefused:
            return None

    def field(self, name: str) -> str | None:
        """A top-level string field of a JSON object body (`work_item_id`, `status`)."""
        document = self.document()
        value = document.get(name) if isinstance(document, dict) else None
        return value if isinstance(value, str) else None

    def answer_json(self) -> dict[str, Any]:
        """What the inbox answers the sender."""
        body: dict[str, Any] = {"inbox": self.inbox, "capture_id": self.id}
        if self.note:
            body["note"] = self.note
        return body

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "inbox": self.inbox,
            "received_at": isoformat_z(self.received_at),
            "method": self.request.method,
            "path": self.request.path,
            "query": self.request.query,
            "headers": dict(self.request.headers),
            **_body_json(self.request.body),
            "body_size": self.body_size,
            "body_truncated": self.truncated,
            "json": self.document(),
            "signature": self.signature.to_json() if self.signature else None,
            "answer": {
                "status": self.answer,
                "delay_seconds": self.delay_seconds,
                "note": self.note,
            },
        }


def _body_json(body: bytes) -> dict[str, str | None]:
    """Text when the body is UTF-8, base64 otherwise, so saved captures replay byte for byte."""
    try:
        return {"body": body.decode("utf-8"), "body_base64": None}
    except UnicodeDecodeError:
        return {"body": None, "body_base64": base64.b64encode(body).decode("ascii")}


def request_from_json(document: Mapping[str, Any]) -> Incoming:
    """The request inside a saved capture; ValueError if it cannot be replayed faithfully."""
    if document.get("body_truncated"):
        raise ValueError("its body was cut when captured, so it cannot be replayed exactly")
    if document.get("body_base64") is not None:
        body = base64.b64decode(document["body_base64"], validate=True)
    else:
        body = str(document.get("body") or "").encode("utf-8")
    headers = document.get("headers")
    if not isinstance(headers, dict) or not isinstance(document.get("method"), str):
        raise ValueError("it has no method or headers")
    return Incoming(
        document["method"],
        str(document.get("path", "/")),
        str(document.get("query", "")),
        {str(k): str(v) for k, v in headers.items()},
        body,
    )
