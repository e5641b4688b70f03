"""The paths beside the walk: cancelling, a structured question, and a long title."""

from __future__ import annotations

from contracts.apis.agentwork.lifecycle import matrix, stops
from contracts.apis.agentwork.lifecycle.control import JOURNEY, SELECT
from contracts.apis.agentwork.lifecycle.expect import AgentworkExpect
from contracts.apis.agentwork.lifecycle.lab import Lab
from contracts.apis.agentwork.lifecycle.table import (
    AWAITING_REPLY,
    CANCELLED,
    COMPLETED,
    PROCESSING,
)

CANCEL = "cancel stops an open task"
TITLE = "a long title is truncated to about 70 characters"
LONG_TITLE = "verify: " + "a title far longer than the documented seventy characters " * 3
TITLE_LIMIT = 80  # "truncated to ~70 chars": a little slack for an ellipsis


def cancelled_task(lab: Lab) -> str:
    """A task created with a long title and cancelled while processing; its id, or ""."""
    found: list[str] = []
    lab.run_case(CANCEL, lambda e: found.append(_cancel(lab, e)))
    if not found:
        lab.skip_case(TITLE, "no task could be created")
        matrix.skip_illegal_moves(lab, CANCELLED, "no task could be cancelled")
        return ""
    lab.run_case(TITLE, lambda e: _title(lab, e, found[0]))
    matrix.illegal_moves(lab, found[0], CANCELLED)
    return found[0]


def _cancel(lab: Lab, expect: AgentworkExpect) -> str:
    task_id = lab.new_task(expect, LONG_TITLE, JOURNEY)
    exchange = lab.api.cancel(task_id)
    expect.require(expect.status(exchange, 200))
    expect.moved(exchange, CANCELLED)
    after = lab.api.get(task_id)
    expect.require(expect.equal(after, "status afterwards", after.item.get("status"), CANCELLED))
    return task_id


def _title(lab: Lab, expect: AgentworkExpect, task_id: str) -> None:
    exchange = lab.api.get(task_id)
    title = exchange.item.get("title")
    expect.true(
        isinstance(title, str)
        and 0 < len(title) <= TITLE_LIMIT
        and LONG_TITLE.startswith(title[:50]),
        exchange,
        f"the title's start, at most {TITLE_LIMIT} characters",
        f"title = {title!r}",
    )


def structured_question(lab: Lab, walked: bool) -> None:
    """On the emulator, the suite's scenario asks a single_select question and the customer
    answers with `answers`; elsewhere only a walk whose agent asked one shows it."""
    if lab.control is None:
        if not walked:
            lab.skip_case(stops.ANSWERS, "the agent asked no structured (single_select) question")
        return
    lab.run_case(stops.ANSWERS, lambda e: _select(lab, e))


def _select(lab: Lab, expect: AgentworkExpect) -> None:
    task_id = lab.new_task(expect, "verify: pick an accuracy level", SELECT)
    status = lab.wait_while(task_id, PROCESSING)
    expect.require(
        expect.true(
            status == AWAITING_REPLY,
            None,
            f"the suite's scenario takes a task to {AWAITING_REPLY}",
            f"task {task_id} is {status}",
        )
    )
    question = stops.check_shown(lab, expect, task_id, AWAITING_REPLY)
    expect.require(
        expect.true(
            stops.structured(question) is not None,
            None,
            "the question's content the structured single_select the scenario asks",
            repr(question),
        )
    )
    stops.answer(lab, expect, task_id, question)
    final = lab.wait_while(task_id, PROCESSING)
    expect.equal(lab.api.get(task_id), "status after the answer", final, COMPLETED)
