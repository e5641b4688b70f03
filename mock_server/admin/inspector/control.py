"""The control page: the clock and what is due, the fault rules in force, refused requests."""

from __future__ import annotations

from flask import Response

from mock_server.admin.faults import rule_json
from mock_server.admin.inspector.blueprint import bp
from mock_server.admin.inspector.render import page
from mock_server.hosting.context import current_emulator

SHOWN_TASKS = 15
SHOWN_REFUSALS = 20
STEPS = ((0, "+0 s"), (1, "+1 s"), (60, "+1 min"), (3600, "+1 h"))


@bp.get("/control")
def control() -> Response:
    emulator = current_emulator()
    pending = emulator.scheduler.pending()
    refusals = [e for e in reversed(emulator.journal.entries()) if e.status >= 400]
    return page(
        "control.html",
        tasks=pending[:SHOWN_TASKS],
        pending_count=len(pending),
        faults=[rule_json(r) for r in emulator.faults.rules()],
        refusals=refusals[:SHOWN_REFUSALS],
    )
