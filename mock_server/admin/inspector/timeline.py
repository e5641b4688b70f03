"""One resource's story on one timeline: requests, transitions, notes and webhook attempts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mock_server.admin.inspector.webhooks import DeliveryView, human_seconds
from mock_server.emulator import Emulator
from mock_server.hosting.plugin import ApiRuntime
from mock_server.hosting.resources import Note, ResourceView

ORDER = {"request": 0, "status": 1, "webhook": 3}  # notes come between status and webhook


@dataclass(frozen=True)
class Moment:
    """One line of the timeline."""

    at: datetime
    kind: str  # request, status, webhook, or a note's kind (message, file, step...)
    text: str
    ok: bool = True
    actor: str | None = None  # agent, client, system
    detail: str | None = None
    link: str | None = None  # where the line's record has its own page
    upcoming: bool = False  # planned for `at`, not happened yet


def _request_moments(emulator: Emulator, resource_id: str) -> list[Moment]:
    moments = []
    for entry in emulator.journal.entries():
        if entry.resource_id != resource_id:
            continue
        why = f" ({entry.reason})" if entry.reason else ""
        text = f"{entry.method} {entry.path} → {entry.status}{why}"
        detail = f"{entry.operation or 'no operation'} · {entry.latency_ms:g} ms · key {entry.key}"
        moments.append(Moment(entry.at, "request", text, entry.status < 400, "client", detail))
    return moments


def _status_moments(api: ApiRuntime, resource_id: str) -> list[Moment]:
    return [
        Moment(t.at, "status", f"{t.previous or '(new)'} → {t.status} by {t.action}", actor=t.actor)
        for t in api.history(resource_id)
    ]


def _note_moments(notes: list[Note]) -> list[Moment]:
    return [
        Moment(n.at, n.kind, n.text, actor=n.actor, upcoming=n.upcoming)
        for n in notes
        if n.at is not None
    ]


def _webhook_moments(views: list[DeliveryView]) -> list[Moment]:
    moments = []
    for view in views:
        d = view.delivery
        where = f"{d.event} to {d.url}"
        link = f"/_mock/inspector/deliveries/{d.delivery_id}"
        if d.reason and not d.attempts:
            text = f"{where}: {d.outcome.value}, {d.reason}"
            moments.append(Moment(d.created_at, "webhook", text, False, "system", link=link))
        for attempt in view.attempts:
            a = attempt.attempt
            text = f"{where}, attempt {a.number}: {attempt.answer}"
            verdict = attempt.verdict
            detail = " · ".join(
                part
                for part in (
                    f"after a {human_seconds(attempt.waited)} backoff" if attempt.waited else None,
                    f"{a.latency_ms:g} ms" if a.latency_ms is not None else None,
                    f"signature {verdict.verdict.value}: {verdict.reason}" if verdict else None,
                )
                if part
            )
            ok = a.succeeded and (verdict is None or verdict.verdict.value == "valid")
            moments.append(Moment(a.sent_at, "webhook", text, ok, "system", detail, link))
        if view.pending and d.next_attempt_at is not None:
            number = len(view.attempts) + 1
            wait = f" (backoff {human_seconds(view.next_wait)})" if view.next_wait else ""
            text = f"{where}, attempt {number} due{wait}"
            moments.append(
                Moment(d.next_attempt_at, "webhook", text, True, "system", link=link, upcoming=True)
            )
    return moments


def timeline(
    emulator: Emulator,
    api: ApiRuntime,
    view: ResourceView,
    notes: list[Note],
    deliveries: list[DeliveryView],
) -> list[Moment]:
    """Everything that happened to the resource, oldest first; what is planned comes last."""
    moments = [
        *_request_moments(emulator, view.resource_id),
        *_status_moments(api, view.resource_id),
        *_note_moments(notes),
        *_webhook_moments(deliveries),
    ]
    return sorted(moments, key=lambda m: (m.upcoming, m.at, ORDER.get(m.kind, 2)))
