"""What the platform answers to a lifecycle action, legal or not, and its error envelope."""

from __future__ import annotations

import uuid
from typing import Any

from contracts.apis.sema4.platform_table import refusal_code, refusal_message, target_of
from contracts.http import Exchange
from contracts.lifecycle.expect import Expect
from contracts.lifecycle.lab import Lab

CODES = {
    400: "bad_request",
    404: "not_found",
    412: "precondition_failed",
    422: "unprocessable_entity",
}
RETURNS_ITEM = frozenset({"continue", "restart", "finalize"})


def is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


def platform_error(expect: Expect, exchange: Exchange, status: int, message: str | None) -> bool:
    """`status` in the platform's envelope: `{"error": {"error_id": <UUID>, "code", "message"}}`
    with the code the platform maps `status` to, and `message` when given."""
    if not (expect.status(exchange, status) and expect.envelope(exchange)):
        return False
    error = exchange.item.get("error", {})
    ok = expect.true(
        is_uuid(error.get("error_id")),
        exchange,
        "error.error_id a UUID",
        f"error.error_id = {error.get('error_id')!r}",
    )
    ok = expect.equal(exchange, "error.code", error.get("code"), CODES[status]) and ok
    if message is not None:
        ok = expect.equal(exchange, "error.message", error.get("message"), message) and ok
    return ok


def judge_refusal(
    expect: Expect, action: str, status: str, exchange: Exchange, *, exact: bool
) -> None:
    """An illegal move: 412 or 400 as the platform answers it, naming the status it is in."""
    message = refusal_message(action, status) if exact else None
    platform_error(expect, exchange, refusal_code(action), message)


def judge_answer(
    lab: Lab, expect: Expect, action: str, status: str, before: dict[str, Any], exchange: Exchange
) -> None:
    """A legal move: the platform's answer for it, and the item where it leads."""
    item_id = str(before["work_item_id"])
    if action == "cancel":
        _cancel_answer(lab, expect, status, exchange)
    elif action == "complete":
        expect.equal(exchange, "body", exchange.body, {"status": "ok"})
    elif action == "attach_file":
        # The platform answers `{work_item_id}` only; extra keys (the emulator names the file,
        # FIDELITY.md) break no client, so only the id is held to.
        expect.equal(exchange, "work_item_id", exchange.item.get("work_item_id"), item_id)
    else:
        expect.equal(exchange, "status", exchange.item.get("status"), target_of(action))
        expect.equal(exchange, "work_item_id", exchange.item.get("work_item_id"), item_id)
        expect.equal(exchange, "status_updated_by", exchange.item.get("status_updated_by"), "HUMAN")
    if action == "restart":
        for cleared in ("thread_id", "completed_by"):
            expect.equal(exchange, cleared, exchange.item.get(cleared), None)
    after = lab.api.get(item_id)
    allowed = lab.possible(target_of(action))
    expect.true(
        after.item.get("status") in allowed,
        after,
        f"status {' or '.join(sorted(allowed))} afterwards",
        f"status {after.item.get('status')!r}",
    )


def _cancel_answer(lab: Lab, expect: Expect, status: str, exchange: Exchange) -> None:
    """`{"status": "ok", "cancelled": <bool>}`: true only when a running agent was stopped."""
    body = exchange.item
    expect.equal(exchange, "body keys", sorted(body), ["cancelled", "status"])
    expect.equal(exchange, "status", body.get("status"), "ok")
    cancelled = body.get("cancelled")
    if status in lab.driver.stable:
        expect.equal(exchange, "cancelled", cancelled, status == "EXECUTING")
    else:
        expect.true(
            isinstance(cancelled, bool),
            exchange,
            "cancelled a boolean",
            f"cancelled = {cancelled!r}",
        )
