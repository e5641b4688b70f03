"""Control-plane routes under /_mock: health, clock and work-item inspection."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response
from pydantic import Field

from mock_server.admin.bodies import Body, parse
from mock_server.api.context import current_emulator
from mock_server.api.representation import work_item_json
from mock_server.core.clock import isoformat_z
from mock_server.core.errors import NotFound
from mock_server.engine.scheduler import Ran
from mock_server.http.responses import json_response

bp = Blueprint("admin", __name__, url_prefix="/_mock")
health_bp = Blueprint("health", __name__, url_prefix="/_mock")


@health_bp.get("/health")
def health() -> Response:
    """Always served, even with --no-admin: what readiness probes wait for."""
    return json_response(200, {"status": "ok"})


@bp.get("/work-items/<work_item_id>")
def work_item(work_item_id: str) -> Response:
    """Any tenant's work item with its messages: the target of `work_item_url`."""
    emulator = current_emulator()
    item = emulator.items.store.get(work_item_id)
    if item is None:
        raise NotFound(f"Work item {work_item_id} not found.", field="work_item_id")
    body = work_item_json(item, with_messages=True, url=emulator.url_of(item))
    return json_response(200, {"tenant_id": item.tenant_id, **body})


def _clock_state() -> dict[str, Any]:
    emulator = current_emulator()
    clock = emulator.clock
    return {
        "now": isoformat_z(clock.now()),
        "mode": clock.mode.value,
        "speed": clock.speed,
        "pending": [
            {"due": isoformat_z(task.due), "task": task.name}
            for task in emulator.scheduler.pending()
        ],
    }


def _ran(ran: list[Ran]) -> list[dict[str, str]]:
    return [{"at": isoformat_z(r.at), "task": r.name} for r in ran]


@bp.get("/clock")
def clock() -> Response:
    return json_response(200, _clock_state())


class Advance(Body):
    seconds: float = Field(ge=0, le=10 * 365 * 86400)


@bp.post("/clock/advance")
def advance() -> Response:
    """Move time forward; answers once every task that became due has run, in order."""
    body = parse(Advance)
    ran = current_emulator().scheduler.advance(body.seconds)
    return json_response(200, {**_clock_state(), "ran": _ran(ran)})
