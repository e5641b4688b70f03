"""Judging deliveries: the callback contract, signatures, and the order statuses arrive in."""

from __future__ import annotations

import json
from typing import Any

from contracts.lifecycle.expect import Expect
from contracts.webhooks.contract import SIGNATURE_HEADER, callback_contract, expected_signature
from contracts.webhooks.receiver import Received

SECRET = "verify-webhook-secret"
UNSIGNED = "PENDING"  # one callback without a secret: its deliveries must carry no signature
ORDER = {status: rank for rank, status in enumerate(["PENDING", "EXECUTING"])}  # then an end
CONTRACT = "deliveries follow the callback contract"
SIGNED = "signed deliveries verify, unsigned ones carry no signature"
ORDERED = "every status reached is delivered once, in order"
ACTION = "an API action's status is delivered"
RETRIES = "retries follow the documented schedule"


def judge_delivery(
    contract: Expect, signed: Expect, delivery: Received, item: dict[str, Any]
) -> None:
    where = delivery.path.rsplit("/", 1)[-1]
    try:
        document = json.loads(delivery.body)
    except ValueError:
        contract.violation(None, "a JSON body", f"{where}: {delivery.body[:200]!r}")
        return
    for problem in callback_contract().body_problems(document):
        contract.violation(None, "a body matching CallbackPayload", f"{where}: {problem}")
    for field, wanted in (
        ("status", where),
        ("work_item_id", item.get("work_item_id")),
        ("agent_id", item.get("agent_id")),
        ("payload", item.get("payload")),
    ):
        contract.true(
            document.get(field) == wanted,
            None,
            f"{field} = {wanted!r}",
            f"{where}: {field} = {document.get(field)!r}",
        )
    agent = callback_contract().user_agent
    contract.true(
        agent is None or delivery.headers.get("user-agent") == agent,
        None,
        f"User-Agent: {agent}",
        f"{where}: {delivery.headers.get('user-agent')}",
    )
    contract.true(
        delivery.headers.get("content-type", "").startswith("application/json"),
        None,
        "Content-Type: application/json",
        f"{where}: {delivery.headers.get('content-type')}",
    )
    sent = delivery.headers.get(SIGNATURE_HEADER)
    if where == UNSIGNED:
        signed.true(
            sent is None, None, f"no {SIGNATURE_HEADER} without a secret", f"{where}: {sent}"
        )
    else:
        wanted_signature = expected_signature(SECRET, delivery.body)
        signed.true(
            sent == wanted_signature,
            None,
            f"{SIGNATURE_HEADER}: {wanted_signature}",
            f"{where}: {sent}",
        )


def judge_order(ordered: Expect, got: list[Received], final: str, expected: int) -> None:
    statuses = [delivery.path.rsplit("/", 1)[-1] for delivery in got]
    ordered.true(
        final in statuses,
        None,
        f"a delivery for the final status {final}",
        f"delivered: {statuses}",
    )
    ordered.true(
        len(statuses) == len(set(statuses)),
        None,
        "each status delivered once",
        f"delivered: {statuses}",
    )
    ranks = [ORDER.get(status, len(ORDER)) for status in statuses]
    ordered.true(
        ranks == sorted(ranks),
        None,
        "statuses in the order they were reached",
        f"delivered: {statuses}",
    )
    ordered.true(
        len(statuses) >= expected, None, f"at least {expected} deliveries", f"delivered: {statuses}"
    )
