"""Live pages without holding a request thread: a cheap revision the pages poll for."""

from __future__ import annotations

import hashlib
from typing import Any

from flask import Response, request

from mock_server.admin.inspector.blueprint import bp
from mock_server.core.clock import ClockMode, isoformat_z
from mock_server.emulator import Emulator
from mock_server.hosting.context import current_emulator
from mock_server.http.responses import json_response


def _deliveries_state(emulator: Emulator) -> tuple[int, int, int, int]:
    """(deliveries, attempts, attempts answered, finished): an attempt counts once when it
    is sent and again when its answer (or error) is in."""
    deliveries = emulator.dispatcher.deliveries()
    attempts = answered = finished = 0
    for delivery in deliveries:
        attempts += len(delivery.attempts)
        answered += sum(1 for a in delivery.attempts if a.latency_ms is not None)
        finished += delivery.finished
    return len(deliveries), attempts, answered, finished


def revision(emulator: Emulator) -> str:
    """Changes whenever anything a page shows changes: resources (through each API's own
    revision), requests, deliveries and their attempts, inbox captures and configuration,
    fault hits, and the clock when it is manual (a real clock's pages tick by themselves).

    Polled every half second by every open page, so it reads counters, never builds pages:
    a long-lived stream instead would hold one of `serve`'s request threads (by default the
    only one) for as long as the page stays open.
    """
    clock = emulator.clock
    parts: list[Any] = [
        emulator.journal.recorded,
        [(name, api.revision(), api.count()) for name, api in emulator.apis.items()],
        _deliveries_state(emulator),
        [(i.name, i.describe()) for i in emulator.inboxes.all()],
        [(r.fault_id, r.matched, r.fired) for r in emulator.faults.rules()],
        clock.mode.value,
        clock.speed,
        isoformat_z(clock.now()) if clock.mode is ClockMode.MANUAL else None,
    ]
    return hashlib.blake2b(repr(parts).encode(), digest_size=8).hexdigest()


@bp.get("/changes")
def changes() -> Response:
    """`{"revision", "changed"}`: `changed` says whether the revision differs from `since`."""
    current = revision(current_emulator())
    since = request.args.get("since")
    return json_response(200, {"revision": current, "changed": since != current})
