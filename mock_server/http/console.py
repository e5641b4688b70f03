"""`serve`'s console: one line per API request and per webhook attempt, written off the request
thread (a slow terminal must never slow an answer)."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Any, TextIO

from mock_server.core.clock import isoformat_z
from mock_server.http.journal import Raw, entry_of
from mock_server.webhooks.deliveries import Attempt, Delivery, Outcome

GREEN, YELLOW, RED, DIM, RESET = "\033[32m", "\033[33m", "\033[31m", "\033[2m", "\033[0m"


class ConsoleStyle(StrEnum):
    OFF = "off"  # nothing is printed (`--quiet`)
    PLAIN = "plain"
    COLOR = "color"
    JSON = "json"  # one JSON object per line (`--log-format json`)


def _clock_time(at: datetime) -> str:
    return isoformat_z(at)[11:23] + "Z"  # HH:MM:SS.mmmZ of emulator time


def _paint(style: ConsoleStyle, text: str, status: int | None) -> str:
    if style is not ConsoleStyle.COLOR:
        return text
    colour = RED if status is None or status >= 500 else YELLOW if status >= 400 else GREEN
    return f"{colour}{text}{RESET}"


def request_fields(at: datetime, raw: Raw) -> dict[str, Any]:
    entry = entry_of(0, at, raw)
    return {
        "type": "request",
        "at": isoformat_z(entry.at),
        "method": entry.method,
        "path": entry.path + (f"?{entry.query}" if entry.query else ""),
        "status": entry.status,
        "latency_ms": entry.latency_ms,
        "api": entry.api,
        "resource_id": entry.resource_id,
        "error_code": entry.error_code,
        "reason": entry.reason,
    }


def request_line(at: datetime, raw: Raw, style: ConsoleStyle) -> str:
    """`10:30:00.123Z POST <path> 200 1.2ms <api> <resource id>  <why it was refused>`."""
    fields = request_fields(at, raw)
    if style is ConsoleStyle.JSON:
        return json.dumps(fields, ensure_ascii=False)
    parts = [
        _clock_time(at),
        f"{fields['method']:<6}",
        fields["path"],
        _paint(style, str(fields["status"]), fields["status"]),
        f"{fields['latency_ms']:.1f}ms",
        *(str(fields[k]) for k in ("api", "resource_id") if fields[k]),
    ]
    line = " ".join(parts)
    if fields["reason"]:
        reason = f"  {fields['error_code'] or ''} {fields['reason']}".rstrip()
        line += f"{DIM}{reason}{RESET}" if style is ConsoleStyle.COLOR else reason
    return line


def attempt_fields(delivery: Delivery, attempt: Attempt | None) -> dict[str, Any]:
    return {
        "type": "webhook",
        "at": isoformat_z(attempt.sent_at if attempt else delivery.created_at),
        "api": delivery.api or None,
        "delivery_id": delivery.delivery_id,
        "subject": delivery.subject,
        "event": delivery.event,
        "url": delivery.url,
        "attempt": attempt.number if attempt else None,
        "status": attempt.status if attempt else None,
        "error": attempt.error if attempt else delivery.reason,
        "latency_ms": attempt.latency_ms if attempt else None,
        "outcome": delivery.outcome.value,
    }


def attempt_line(fields: dict[str, Any], style: ConsoleStyle) -> str:
    """`10:30:02.000Z webhook <api> <event> of <resource id> -> <url> attempt 1: 200 3.1ms`."""
    if style is ConsoleStyle.JSON:
        return json.dumps(fields, ensure_ascii=False)
    head = " ".join(
        str(part)
        for part in (fields["at"][11:23] + "Z", "webhook", fields["api"], fields["event"])
        if part
    )
    target = f"{head} of {fields['subject']} -> {fields['url']}"
    if fields["attempt"] is None:
        return f"{target} {_paint(style, 'blocked', None)}: {fields['error']}"
    status = fields["status"]
    answer = str(status) if status is not None else f"failed ({fields['error']})"
    latency = f" {fields['latency_ms']:.1f}ms" if fields["latency_ms"] is not None else ""
    return f"{target} attempt {fields['attempt']}: {_paint(style, answer, status)}{latency}"


class Console:
    """Takes events on any thread; one daemon thread formats and writes them, in order."""

    def __init__(self, out: TextIO, style: ConsoleStyle) -> None:
        self.out, self.style = out, style
        self._queue: queue.SimpleQueue[Callable[[], str] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._write, name="console", daemon=True)
        self._thread.start()

    def request(self, at: datetime, raw: Raw) -> None:
        self._queue.put(lambda: request_line(at, raw, self.style))

    def attempt(self, delivery: Delivery, attempt: Attempt) -> None:
        fields = attempt_fields(delivery, attempt)  # now: the records change as retries go on
        self._queue.put(lambda: attempt_line(fields, self.style))

    def finished(self, delivery: Delivery) -> None:
        if delivery.outcome is Outcome.BLOCKED:  # never attempted, so say why here
            fields = attempt_fields(delivery, None)
            self._queue.put(lambda: attempt_line(fields, self.style))

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=2)

    def _write(self) -> None:
        while (make := self._queue.get()) is not None:
            try:
                print(make(), file=self.out, flush=True)
            except (OSError, ValueError):  # the terminal went away: stop printing, keep serving
                return
