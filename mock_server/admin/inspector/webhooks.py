"""Deliveries as the inspector draws them: attempts, the backoff between them, verdicts."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from mock_server.emulator import Emulator
from mock_server.webhooks.capture import Capture, SignatureCheck
from mock_server.webhooks.deliveries import Attempt, Delivery
from mock_server.webhooks.inbox import Inbox

STRIP_WIDTH = 600  # the backoff strip's drawing width, in SVG units


def human_seconds(seconds: float) -> str:
    """`0.25 s`, `4 s`, `1 min 30 s`, `2 h 5 min`: how long a wait was, at a glance."""
    if seconds < 10:
        return f"{seconds:.3g} s"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


@dataclass(frozen=True)
class AttemptView:
    attempt: Attempt
    waited: float | None  # the backoff before it: seconds since the previous attempt was sent
    capture: Capture | None  # what the emulator's own inbox recorded of it

    @property
    def answer(self) -> str:
        a = self.attempt
        if a.status is not None:
            return str(a.status)
        return a.error or "in flight"

    @property
    def verdict(self) -> SignatureCheck | None:
        return self.capture.signature if self.capture else None


@dataclass(frozen=True)
class Marker:
    x: float
    label: str
    state: str  # ok, bad, flight, due


@dataclass(frozen=True)
class DeliveryView:
    delivery: Delivery
    attempts: list[AttemptView]
    next_wait: float | None  # the backoff before the next attempt, while one is due
    markers: list[Marker]  # the strip: each attempt, and the one due, placed by time

    @property
    def pending(self) -> bool:
        return not self.delivery.finished


def find_inbox(emulator: Emulator, name: str) -> Inbox | None:
    """The inbox if it exists: looking must never create one (`InboxRegistry.get` does)."""
    return next((i for i in emulator.inboxes.all() if i.name == name), None)


def _capture_of(emulator: Emulator, attempt: Attempt) -> Capture | None:
    """The inbox capture an attempt produced: own inboxes answer `{inbox, capture_id}`."""
    if not attempt.url.startswith(emulator.settings.inbox_prefix):
        return None
    try:
        answer = json.loads(attempt.response_body)
        name, capture_id = str(answer["inbox"]), int(answer["capture_id"])
    except (ValueError, KeyError, TypeError):
        return None
    inbox = find_inbox(emulator, name)
    found = inbox.captures(capture_id - 1) if inbox else []
    return found[0] if found and found[0].id == capture_id else None


def _markers(delivery: Delivery, attempts: list[AttemptView]) -> list[Marker]:
    start = delivery.created_at
    due = delivery.next_attempt_at if not delivery.finished else None
    instants: list[datetime] = [a.attempt.sent_at for a in attempts] + ([due] if due else [])
    span = max((t - start).total_seconds() for t in instants) if instants else 0.0

    def x(instant: datetime) -> float:
        offset = (instant - start).total_seconds()
        return round(8 + (STRIP_WIDTH - 16) * (offset / span if span else 0.0), 1)

    markers = []
    for view in attempts:
        a = view.attempt
        state = "ok" if a.succeeded else "flight" if a.latency_ms is None else "bad"
        markers.append(Marker(x(a.sent_at), f"#{a.number} {view.answer}", state))
    if due is not None:
        markers.append(Marker(x(due), f"#{len(attempts) + 1} due", "due"))
    return markers


def delivery_view(emulator: Emulator, delivery: Delivery) -> DeliveryView:
    attempts: list[AttemptView] = []
    previous: Attempt | None = None
    for attempt in list(delivery.attempts):
        waited = (attempt.scheduled_at - previous.sent_at).total_seconds() if previous else None
        attempts.append(AttemptView(attempt, waited, _capture_of(emulator, attempt)))
        previous = attempt
    next_wait = None
    if not delivery.finished and delivery.next_attempt_at and previous is not None:
        next_wait = (delivery.next_attempt_at - previous.sent_at).total_seconds()
    return DeliveryView(delivery, attempts, next_wait, _markers(delivery, attempts))


def deliveries_of(emulator: Emulator, subjects: Collection[str]) -> list[DeliveryView]:
    """Every delivery about one of `subjects`, oldest first."""
    wanted = set(subjects)
    return [
        delivery_view(emulator, d) for d in emulator.dispatcher.deliveries() if d.subject in wanted
    ]


def retry_policy(emulator: Emulator) -> str:
    policy = emulator.dispatcher.policy
    if not policy.retries:
        return "no retries"
    waits = ", ".join(human_seconds(policy.delay_before(n)) for n in range(2, policy.retries + 2))
    return (
        f"{policy.retries} retries, after {waits}; {human_seconds(policy.timeout_seconds)} timeout"
    )
