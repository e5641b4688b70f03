"""Judging DocLD deliveries: the envelope, the signature over the raw body, and the order of
one execution's `workflow.*` events."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from contracts.apis.docld.judge import DocldExpect
from contracts.apis.docld.signature import SIGNATURE_HEADER, expected_signature, verifies
from contracts.webhooks.receiver import Received

STARTED, STEP, COMPLETED, FAILED = (
    "workflow.started",
    "workflow.step.completed",
    "workflow.completed",
    "workflow.failed",
)
WORKFLOW_EVENTS = [STARTED, STEP, COMPLETED, FAILED]


@dataclass(frozen=True)
class Delivery:
    """One POST the receiver got, with its body parsed (None when it is not a JSON object)."""

    raw: bytes
    headers: dict[str, str]  # names in lower case
    document: dict[str, Any] | None

    @property
    def event(self) -> str:
        return str((self.document or {}).get("event"))

    @property
    def data(self) -> dict[str, Any]:
        data = (self.document or {}).get("data")
        return data if isinstance(data, dict) else {}

    @property
    def step_id(self) -> str | None:
        step = self.data.get("step")
        return str(step.get("step_id")) if isinstance(step, dict) else None


def parse(received: Received) -> Delivery:
    try:
        document = json.loads(received.body)
    except ValueError:
        document = None
    return Delivery(
        received.body, received.headers, document if isinstance(document, dict) else None
    )


def of_execution(deliveries: list[Delivery], execution_id: str) -> list[Delivery]:
    return [d for d in deliveries if d.data.get("execution_id") == execution_id]


def judge_envelope(expect: DocldExpect, delivery: Delivery, webhook_id: str) -> None:
    """`{event, timestamp, webhook_id, data}`, JSON, for this subscription."""
    document = delivery.document
    shown = delivery.raw[:200].decode("utf-8", "replace")
    if document is None:
        expect.violation(None, "a JSON object body", shown)
        return
    missing = [k for k in ("event", "timestamp", "webhook_id", "data") if k not in document]
    expect.true(not missing, None, "{event, timestamp, webhook_id, data}", f"no {missing}: {shown}")
    when = document.get("timestamp")
    expect.true(
        isinstance(when, str) and when.endswith("Z") and "T" in when,
        None,
        "timestamp ISO-8601 UTC with a Z",
        f"{delivery.event}: timestamp = {when!r}",
    )
    got = document.get("webhook_id")
    expect.true(
        got == webhook_id, None, f"webhook_id = {webhook_id!r}", f"{delivery.event}: {got!r}"
    )
    kind = delivery.headers.get("content-type", "")
    expect.true(
        kind.startswith("application/json"),
        None,
        "Content-Type: application/json",
        f"{delivery.event}: {kind or 'none'}",
    )


def judge_signature(expect: DocldExpect, delivery: Delivery, secret: str) -> None:
    sent = delivery.headers.get(SIGNATURE_HEADER)
    expect.true(
        verifies(secret, delivery.raw, sent),
        None,
        f"{SIGNATURE_HEADER}: {expected_signature(secret, delivery.raw)}",
        f"{delivery.event}: {sent}",
    )


def judge_order(
    expect: DocldExpect, deliveries: list[Delivery], steps: list[str], end: str
) -> None:
    """started, one step.completed per step in `steps` (in order), then `end`, once each."""
    events = [d.event for d in deliveries]
    wanted = [STARTED, *[STEP] * len(steps), end]
    expect.true(events == wanted, None, f"events {wanted}", f"events {events}")
    named = [d.step_id for d in deliveries if d.event == STEP]
    if any(name is not None for name in named):
        expect.true(named == steps, None, f"step.completed for {steps}", f"for {named}")
