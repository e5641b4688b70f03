"""The delivery log under /_mock/deliveries: every webhook, every attempt, redelivery."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, request

from mock_server.admin.bodies import Body, parse
from mock_server.core.clock import isoformat_z
from mock_server.core.errors import ValidationFailed
from mock_server.core.urls import check_webhook_url
from mock_server.hosting.context import current_emulator
from mock_server.http.responses import json_response
from mock_server.webhooks.deliveries import Attempt, Delivery, Outcome

bp = Blueprint("deliveries", __name__, url_prefix="/_mock/deliveries")


def attempt_json(attempt: Attempt) -> dict[str, Any]:
    return {
        "number": attempt.number,
        "url": attempt.url,
        "scheduled_at": isoformat_z(attempt.scheduled_at),
        "sent_at": isoformat_z(attempt.sent_at),
        "response_status": attempt.status,
        "latency_ms": attempt.latency_ms,
        "error": attempt.error,
        "response_body": attempt.response_body,
    }


def delivery_json(delivery: Delivery, *, with_request: bool) -> dict[str, Any]:
    body: dict[str, Any] = {
        "delivery_id": delivery.delivery_id,
        "api": delivery.api,
        "subject": delivery.subject,
        "event": delivery.event,
        "work_item_id": delivery.subject,  # the names before several APIs were hosted
        "status": delivery.event,
        "url": delivery.url,
        "outcome": delivery.outcome.value,
        "reason": delivery.reason,
        "created_at": isoformat_z(delivery.created_at),
        "next_attempt_at": (
            isoformat_z(delivery.next_attempt_at) if delivery.next_attempt_at else None
        ),
        "redelivery_of": delivery.redelivery_of,
        "attempts": [attempt_json(a) for a in delivery.attempts],
    }
    if with_request:
        body["request"] = {"headers": delivery.headers, "body": json.loads(delivery.body)}
    return body


@bp.get("")
def list_deliveries() -> Response:
    """Filter with ?api=, ?subject= (or ?work_item_id=), ?event= (or ?status=: the status
    reached) and ?outcome=."""
    outcome = request.args.get("outcome")
    if outcome is not None and outcome not in {o.value for o in Outcome}:
        raise ValidationFailed(
            f"Unknown outcome {outcome!r}; use one of {', '.join(o.value for o in Outcome)}.",
            field="query.outcome",
        )
    args = request.args
    wanted = {
        "api": args.get("api"),
        "subject": args.get("subject") or args.get("work_item_id"),
        "event": args.get("event") or args.get("status"),
        "outcome": outcome,
    }
    found = [
        d
        for d in current_emulator().dispatcher.deliveries()
        if all(v is None or str(getattr(d, k)) == v for k, v in wanted.items())
    ]
    return json_response(200, {"deliveries": [delivery_json(d, with_request=False) for d in found]})


@bp.get("/<delivery_id>")
def get_delivery(delivery_id: str) -> Response:
    delivery = current_emulator().dispatcher.get(delivery_id)
    return json_response(200, delivery_json(delivery, with_request=True))


class Redelivery(Body):
    url: str | None = None


@bp.post("/<delivery_id>/redeliver")
def redeliver(delivery_id: str) -> Response:
    """Send the same body and headers again, optionally to another URL."""
    url = parse(Redelivery).url
    if url is not None:  # same rule as a callback URL registered through the API
        check_webhook_url(url, "url")
    delivery = current_emulator().dispatcher.redeliver(delivery_id, url)
    return json_response(202, delivery_json(delivery, with_request=False))
