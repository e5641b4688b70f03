"""Agentwork's expectations: its `{"status_code", "detail"}` envelope and its task fields."""

from __future__ import annotations

import re
from typing import Any

from contracts.http import Exchange
from contracts.lifecycle.expect import Expect, Skip, Stop
from contracts.results import Outcome

__all__ = ["AgentworkExpect", "Skip", "Stop", "envelope_problem"]

SUITE = "lifecycle"
ENVELOPE = 'application/json {"status_code": <the HTTP status>, "detail": <text or list>}'
# The reference's timestamps look like 2026-02-22T14:30:00; fractions and offsets may follow.
ISO_8601 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$")


def envelope_problem(exchange: Exchange) -> str | None:
    """What is wrong with an error answer's envelope, or None when it is as documented."""
    if exchange.content_type != "application/json":
        return f"Content-Type is {exchange.content_type or 'missing'}, not application/json"
    body = exchange.body
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    if body.get("status_code") != exchange.status:
        return f"status_code is {body.get('status_code')!r}, not {exchange.status}"
    detail = body.get("detail")
    # FastAPI's 422 carries a list of {loc, msg, type}; everything else a sentence.
    if isinstance(detail, list) and detail:
        return None
    if not isinstance(detail, str) or not detail.strip():
        return f"detail is {detail!r}, not a non-empty text"
    return None


class AgentworkExpect(Expect):
    """Expect, judging errors by Agentwork's envelope instead of the Work Item API's."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome, SUITE)

    def envelope(self, exchange: Exchange) -> bool:
        problem = envelope_problem(exchange)
        return self.true(problem is None, exchange, ENVELOPE, f"{problem}: {exchange.summary()}")

    def fields(self, exchange: Exchange, what: str, **kinds: type | tuple[type, ...]) -> bool:
        """The answer is an object whose fields have the given JSON types."""
        body = exchange.item
        wrong = [
            f"{name} is {body.get(name)!r}"
            for name, kind in kinds.items()
            if not isinstance(body.get(name), kind) or body.get(name) in ("", None)
        ]
        expected = f"{what} with " + ", ".join(kinds)
        return self.true(not wrong, exchange, expected, "; ".join(wrong) or exchange.summary())

    def timestamp(self, exchange: Exchange, what: str, value: Any) -> bool:
        return self.true(
            isinstance(value, str) and bool(ISO_8601.match(value)),
            exchange,
            f"{what} an ISO-8601 timestamp (2026-02-22T14:30:00)",
            f"{what} = {value!r}",
        )

    def moved(self, exchange: Exchange, status: str) -> bool:
        """A customer's move answered `{"success": true, "status": <status>}`."""
        ok = exchange.item.get("success") is True and exchange.item.get("status") == status
        return self.true(
            ok,
            exchange,
            f'{{"success": true, "status": "{status}"}}',
            exchange.summary(),
        )
