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
    retries: int | None = None  # absent from documents written before an API could choose


class StateDocument(_Part):
    """Version 2: the shared parts, and one part per hosted API under `apis`."""

    format: Literal["workitems-mock/state"]
    version: Literal[2]
    clock: ClockPart
    ids: IdsPart
    deliveries: list[DeliveryPart]
    apis: dict[str, Any]
