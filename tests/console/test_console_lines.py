"""The console's lines: what `serve` prints per request and per webhook attempt."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

from mock_server.http.console import (
    Console,
    ConsoleStyle,
    attempt_fields,
    attempt_line,
    request_line,
)
from mock_server.webhooks.deliveries import Attempt, Delivery, Outcome

AT = datetime(2025, 1, 15, 10, 30, 0, 123000, tzinfo=UTC)
ITEM = "8d9f4f5e-0000-4000-8000-000000000001"


def raw(status: int = 200, reason: str | None = None, code: str | None = None):
    return (
        "POST", "/api/v1/work-items", b"", status, 0.0012, "Bearer local-dev-key",
        "sema4_api_v1.createWorkItem", "sema4", ITEM, code, reason,
    )  # fmt: skip


def delivery(outcome: Outcome = Outcome.PENDING, reason: str | None = None) -> Delivery:
    return Delivery(
        delivery_id="d-1", subject=ITEM, event="COMPLETED", url="http://127.0.0.1:9/hook",
        body=b"{}", headers={}, created_at=AT, outcome=outcome, reason=reason, api="sema4",
    )  # fmt: skip


def test_a_request_line_shows_time_method_path_status_latency_api_and_item():
    line = request_line(AT, raw(), ConsoleStyle.PLAIN)

    assert line == f"10:30:00.123Z POST   /api/v1/work-items 200 1.2ms sema4 {ITEM}"


def test_a_refused_request_says_why():
    line = request_line(
        AT, raw(412, "Cannot cancel work item from status COMPLETED.", "x"), ConsoleStyle.PLAIN
    )

    assert line.endswith(
        "412 1.2ms sema4 " + ITEM + "  x Cannot cancel work item from status COMPLETED."
    )


def test_colour_only_on_a_terminal_style():
    assert "\033[" not in request_line(AT, raw(500, "boom"), ConsoleStyle.PLAIN)
    assert "\033[31m500\033[0m" in request_line(AT, raw(500, "boom"), ConsoleStyle.COLOR)


def test_json_lines_carry_every_field():
    fields = json.loads(request_line(AT, raw(404, "No route", "not_found"), ConsoleStyle.JSON))

    assert fields["type"] == "request"
    assert (fields["status"], fields["api"], fields["resource_id"]) == (404, "sema4", ITEM)
    assert (fields["error_code"], fields["reason"]) == ("not_found", "No route")


def test_an_attempt_line_shows_item_status_receiver_and_answer():
    attempt = Attempt(1, "http://127.0.0.1:9/hook", AT, AT, status=503, latency_ms=3.14)

    line = attempt_line(attempt_fields(delivery(), attempt), ConsoleStyle.PLAIN)

    assert line == (
        f"10:30:00.123Z webhook sema4 COMPLETED of {ITEM} -> http://127.0.0.1:9/hook "
        "attempt 1: 503 3.1ms"
    )


def test_an_unreachable_receiver_and_a_blocked_delivery_are_explained():
    failed = Attempt(2, "http://127.0.0.1:9/hook", AT, AT, error="Connection refused")
    blocked = delivery(Outcome.BLOCKED, "203.0.113.7 is not loopback; add --webhook-allow")

    assert "attempt 2: failed (Connection refused)" in attempt_line(
        attempt_fields(delivery(), failed), ConsoleStyle.PLAIN
    )
    assert "blocked: 203.0.113.7 is not loopback" in attempt_line(
        attempt_fields(blocked, None), ConsoleStyle.PLAIN
    )


def test_the_console_writes_in_order_off_the_calling_thread():
    out = io.StringIO()
    console = Console(out, ConsoleStyle.PLAIN)

    for status in (200, 201, 404):
        console.request(AT, raw(status))
    console.close()

    statuses = [line.split()[3] for line in out.getvalue().splitlines()]
    assert statuses == ["200", "201", "404"]


def test_a_closed_terminal_stops_the_console_not_the_caller():
    class Gone(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError("EPIPE")

    console = Console(Gone(), ConsoleStyle.PLAIN)
    console.request(AT, raw())
    console.request(AT, raw())
    console.close()

    assert not console._thread.is_alive()
