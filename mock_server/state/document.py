"""The shared parts of a state document, validated on import with messages naming the field."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ClockPart(_Part):
    now: datetime
    mode: Literal["real", "manual"]
    speed: float = Field(gt=0)


class IdsPart(_Part):
    seed: int | None
    draws: dict[str, int]


class AttemptPart(_Part):
    number: int = Field(ge=1)
    url: str
    scheduled_at: datetime
    sent_at: datetime
    status: int | None
    latency_ms: float | None
    error: str | None
    response_body: str


class DeliveryPart(_Part):
    delivery_id: str
    subject: str
    event: str
    url: str
    body: str
    headers: dict[str, str]
    created_at: datetime
    outcome: Literal["pending", "delivered", "failed", "blocked"]
    attempts: list[AttemptPart]
    next_attempt_at: datetime | None
    reason: str | None
    redelivery_of: str | None
    api: str = ""  # absent from documents written before several APIs were hosted
    lane: str = ""  # absent from documents written before lanes
    retries: int | None = None  # absent from documents written before an API could choose


class FaultPart(_Part):
    fault_id: str
    api: str | None
    method: str | None
    path: str | None
    operation: str | None
    resource_status: str | None
    on_call: int | None
    status: int | None
    message: str | None
    retry_after: int | None
    latency_ms: float
    drop: bool
    probability: float
    seed: int | None
    times: int | None
    matched: int = Field(ge=0)
    fired: int = Field(ge=0)


class InboxConfigPart(_Part):
    secret: str | None
    status: int
    delay_seconds: float
    fail_first: int
    fail_status: int


class SignatureCheckPart(_Part):
    verdict: Literal["valid", "invalid", "missing"]
    received: str | None
    expected: str | None
    reason: str


class CapturePart(_Part):
    id: int = Field(ge=1)
    received_at: datetime
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body_base64: str
    body_size: int = Field(ge=0)
    signature: SignatureCheckPart | None
    answer: int
    delay_seconds: float
    note: str | None


class InboxPart(_Part):
    name: str
    config: InboxConfigPart
    next_id: int = Field(ge=1)
    seen: int = Field(ge=0)
    captures: list[CapturePart]


class StateDocument(_Part):
    """Version 2: the shared parts, and one part per hosted API under `apis`."""

    format: Literal["workitems-mock/state"]
    version: Literal[2]
    clock: ClockPart
    ids: IdsPart
    deliveries: list[DeliveryPart]
    faults: list[FaultPart] = []  # absent from documents written before they were kept
    inboxes: list[InboxPart] = []
    apis: dict[str, Any]
