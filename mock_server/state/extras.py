"""Fault rules and capture inboxes in a state document, so a snapshot restores them too."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from mock_server.core.clock import isoformat_z
from mock_server.http.faults import FaultRule
from mock_server.state.document import CapturePart, InboxPart
from mock_server.state.plain import from_base64, plain, to_base64
from mock_server.webhooks.capture import Capture, Incoming, SignatureCheck
from mock_server.webhooks.inbox import Inbox, InboxConfig
from mock_server.webhooks.signing import Verdict

if TYPE_CHECKING:
    from mock_server.emulator import Emulator


def fault_documents(emulator: Emulator) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in plain(rule).items() if not k.startswith("_")}
        for rule in emulator.faults.rules()
    ]


def fault_rules(documents: list[dict[str, Any]]) -> list[FaultRule]:
    rules = []
    for document in documents:
        counts = {"matched": document["matched"], "fired": document["fired"]}
        fields = {k: v for k, v in document.items() if k not in counts}
        rules.append(dataclasses.replace(FaultRule(**fields), **counts))
    return rules


def _capture(capture: Capture) -> dict[str, Any]:
    request = capture.request
    return {
        "id": capture.id,
        "received_at": isoformat_z(capture.received_at),
        "method": request.method,
        "path": request.path,
        "query": request.query,
        "headers": dict(request.headers),
        "body_base64": to_base64(request.body),
        "body_size": capture.body_size,
        "signature": capture.signature.to_json() if capture.signature else None,
        "answer": capture.answer,
        "delay_seconds": capture.delay_seconds,
        "note": capture.note,
    }


def inbox_documents(emulator: Emulator) -> list[dict[str, Any]]:
    found = []
    for inbox in emulator.inboxes.all():
        next_id, seen, captures = inbox.counters()
        found.append(
            {
                "name": inbox.name,
                "config": inbox.config.to_json(),
                "next_id": next_id,
                "seen": seen,
                "captures": [_capture(c) for c in captures],
            }
        )
    return found


def _restored_capture(name: str, part: CapturePart) -> Capture:
    check = part.signature
    return Capture(
        id=part.id,
        inbox=name,
        received_at=part.received_at,
        request=Incoming(
            part.method,
            part.path,
            part.query,
            dict(part.headers),
            from_base64(part.body_base64, f"inbox {name} capture {part.id}"),
        ),
        body_size=part.body_size,
        signature=(
            SignatureCheck(Verdict(check.verdict), check.received, check.expected, check.reason)
            if check
            else None
        ),
        answer=part.answer,
        delay_seconds=part.delay_seconds,
        note=part.note,
    )


def restored_inboxes(parts: list[InboxPart]) -> list[Inbox]:
    """Inboxes as they were, decoded before anything is applied."""
    inboxes = []
    for part in parts:
        inbox = Inbox(part.name, InboxConfig(**part.config.model_dump()))
        inbox.restore(
            [_restored_capture(part.name, c) for c in part.captures], part.next_id, part.seen
        )
        inboxes.append(inbox)
    return inboxes
