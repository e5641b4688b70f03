"""The delivery log's records: one Delivery per webhook, one Attempt per POST."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Outcome(StrEnum):
    PENDING = "pending"  # waiting for its first attempt or a retry
    DELIVERED = "delivered"  # a 2xx answer
    FAILED = "failed"  # every attempt failed
    BLOCKED = "blocked"  # the egress policy refused the destination; never sent


@dataclass
class Attempt:
    number: int
    url: str
    scheduled_at: datetime
    sent_at: datetime
    status: int | None = None
    latency_ms: float | None = None
    error: str | None = None
    response_body: str = ""

    @property
    def succeeded(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


@dataclass
class Delivery:
    """A webhook for one event of one subject; mutable, guarded by the dispatcher's lock."""

    delivery_id: str
    subject: str  # e.g. the work item id
    event: str  # e.g. the status reached
    url: str
    body: bytes = field(repr=False)
    headers: dict[str, str]
    created_at: datetime
    outcome: Outcome = Outcome.PENDING
    attempts: list[Attempt] = field(default_factory=list)
    next_attempt_at: datetime | None = None
    reason: str | None = None  # why it was blocked or gave up
    redelivery_of: str | None = None
    api: str = ""  # the API whose event this is
    lane: str = ""  # deliveries of one lane go out one at a time, in order ("": the subject's)
    retries: int | None = None  # retries after a failed first attempt; None: the emulator's

    @property
    def queue(self) -> str:
        return self.lane or self.subject

    @property
    def finished(self) -> bool:
        return self.outcome is not Outcome.PENDING
