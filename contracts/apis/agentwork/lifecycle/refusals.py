"""Bodies a waiting task must refuse whatever its status: an empty reply, an unknown verdict."""

from __future__ import annotations

from contracts.apis.agentwork.lifecycle.expect import AgentworkExpect
from contracts.apis.agentwork.lifecycle.lab import Lab
from contracts.http import Exchange

EMPTY_MESSAGE = "an empty message is 400"
BAD_VERDICT = "a verdict other than CONFIRMED or REJECTED is refused"


def empty_message(lab: Lab, expect: AgentworkExpect, task_id: str, status: str) -> None:
    """The reference's own example: 400 `Message cannot be empty`."""
    exchange = lab.api.message(task_id, {"message": ""})
    if expect.status(exchange, 400):
        _refused(lab, expect, exchange, task_id, status)


def bad_verdict(lab: Lab, expect: AgentworkExpect, task_id: str, status: str) -> None:
    """`status` must be CONFIRMED or REJECTED (any case); FastAPI would say 422, 400 is as good."""
    exchange = lab.api.solution_status(task_id, "MAYBE")
    if expect.status(exchange, 400, 422):
        _refused(lab, expect, exchange, task_id, status)


def _refused(
    lab: Lab, expect: AgentworkExpect, exchange: Exchange, task_id: str, status: str
) -> None:
    expect.envelope(exchange)
    after = lab.api.get(task_id)
    expect.equal(after, "status afterwards", after.item.get("status"), status)
