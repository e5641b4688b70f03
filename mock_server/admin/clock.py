"""The emulator clock under /_mock/clock: read it, advance it, set it, switch its mode."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from flask import Blueprint, Response
from pydantic import Field

from mock_server.admin.bodies import Body, parse
from mock_server.core.clock import ClockMode, isoformat_z
from mock_server.core.errors import ValidationFailed
from mock_server.core.scheduler import Ran
from mock_server.hosting.context import current_emulator
from mock_server.http.responses import json_response

bp = Blueprint("clock", __name__, url_prefix="/_mock/clock")
LAST_YEAR = 9000


def clock_state() -> dict[str, Any]:
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


@bp.get("")
def get_clock() -> Response:
    return json_response(200, clock_state())


class Advance(Body):
    seconds: float = Field(ge=0, le=10 * 365 * 86400)


@bp.post("/advance")
def advance() -> Response:
    """Move time forward; answers once every task that became due has run, in order."""
    body = parse(Advance)
    ran = current_emulator().scheduler.advance(body.seconds)
    return json_response(200, {**clock_state(), "ran": _ran(ran)})


class SetClock(Body):
    now: datetime | None = None
    mode: Literal["real", "manual"] | None = None
    speed: float | None = Field(default=None, gt=0, le=10_000)


@bp.post("/set")
def set_clock() -> Response:
    """Jump forward to `now` (running what falls due on the way), and/or switch mode or speed."""
    body = parse(SetClock)
    emulator = current_emulator()
    ran: list[Ran] = []
    if body.now is not None:
        target = body.now if body.now.tzinfo else body.now.replace(tzinfo=UTC)
        if target.year > LAST_YEAR:  # steps and retries scheduled from there would overflow
            raise ValidationFailed(
                f"The clock goes no further than the year {LAST_YEAR}.",
                field="body.now",
                issue=f"{isoformat_z(target)} is after {LAST_YEAR}",
            )
        if target < emulator.clock.now():
            raise ValidationFailed(
                "The clock never goes backwards; reset or import a state to start earlier.",
                field="body.now",
                issue=f"{isoformat_z(target)} is before {isoformat_z(emulator.clock.now())}",
            )
        ran = emulator.scheduler.advance_to(target)
    if body.mode is not None or body.speed is not None:
        emulator.clock.configure(ClockMode(body.mode) if body.mode else None, body.speed)
        emulator.scheduler.wake()
    return json_response(200, {**clock_state(), "ran": _ran(ran)})
