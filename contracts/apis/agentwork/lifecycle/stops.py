"""What the customer checks and does at each status a task waits in on its way to completed."""

from __future__ import annotations

from typing import Any

from contracts.apis.agentwork.lifecycle.expect import AgentworkExpect
from contracts.apis.agentwork.lifecycle.lab import Lab
from contracts.apis.agentwork.lifecycle.table import (
    COMPLETED,
    PROCESSING,
    WAITING_FIELD,
)
from contracts.http import Exchange

REPLY = "React"
SPEC_REASON = "verify: please add a testing step"
SOLUTION_REASON = "verify: please add a README"

QUESTION_TYPES = frozenset({"CLARIFYING_QUESTIONS", "TO_CUSTOMER"})  # the reference's GET
SHOWN = "{field} is shown in {status}"
MESSAGE = "message answers a question"
ANSWERS = "structured answers answer a question"
REJECT_SPEC = "a rejected spec goes back to processing"
CONFIRM_SPEC = "a confirmed spec goes back to processing"
REJECT_SOLUTION = "a rejected solution goes back to processing"
CONFIRM_SOLUTION = "a confirmed solution completes the task"


def shown_name(status: str) -> str:
    return SHOWN.format(field=WAITING_FIELD[status], status=status)


def check_shown(lab: Lab, expect: AgentworkExpect, task_id: str, status: str) -> dict[str, Any]:
    """GET shows the waiting status's field (with content), and only that one."""
    exchange = lab.api.get(task_id)
    expect.require(expect.status(exchange, 200))
    expect.equal(exchange, "status", exchange.item.get("status"), status)
    name = WAITING_FIELD[status]
    shown = exchange.item.get(name)
    expect.require(
        expect.true(
            isinstance(shown, dict) and shown.get("content") not in (None, ""),
            exchange,
            f"{name} an object with content while {status}",
            f"{name} = {shown!r}",
        )
    )
    assert isinstance(shown, dict)
    expect.true(
        isinstance(shown.get("message_id"), str) and bool(shown["message_id"]),
        exchange,
        f"{name}.message_id a string",
        f"{name} = {shown!r}",
    )
    if name == "question":
        expect.true(
            shown.get("type") in QUESTION_TYPES,
            exchange,
            f"question.type one of {', '.join(sorted(QUESTION_TYPES))}",
            f"question = {shown!r}",
        )
    for other in set(WAITING_FIELD.values()) - {name}:
        expect.equal(exchange, other, exchange.item.get(other), None)
    return shown


def structured(question: dict[str, Any]) -> dict[str, Any] | None:
    """The question's content when it is a structured single/multi select, else None."""
    content = question.get("content")
    if isinstance(content, dict) and isinstance(content.get("options"), list):
        return content
    return None


def answer(lab: Lab, expect: AgentworkExpect, task_id: str, question: dict[str, Any]) -> None:
    """Reply with `answers` to a structured question, with `message` to plain text."""
    content = structured(question)
    if content is not None and content["options"]:
        first = content["options"][0]
        choice = first.get("value", first.get("label")) if isinstance(first, dict) else first
        body: dict[str, Any] = {"answers": [{"question_index": 0, "selected": choice}]}
    else:
        body = {"message": REPLY}
    exchange = lab.api.message(task_id, body)
    _moved(lab, expect, exchange, task_id, 201, PROCESSING)


def reject(lab: Lab, expect: AgentworkExpect, task_id: str, what: str) -> None:
    """Reject the spec or solution with a reason (the solution's verdict in mixed case: the
    reference makes it case-insensitive; it says nothing of the spec's)."""
    if what == "spec":
        exchange = lab.api.spec_status(task_id, "REJECTED", SPEC_REASON)
    else:
        exchange = lab.api.solution_status(task_id, "Rejected", SOLUTION_REASON)
    _moved(lab, expect, exchange, task_id, 200, PROCESSING)


def confirm(lab: Lab, expect: AgentworkExpect, task_id: str, what: str) -> None:
    if what == "spec":
        _moved(lab, expect, lab.api.spec_status(task_id, "CONFIRMED"), task_id, 200, PROCESSING)
    else:
        exchange = lab.api.solution_status(task_id, "confirmed")  # lower case, on purpose
        _moved(lab, expect, exchange, task_id, 200, COMPLETED)


def _moved(
    lab: Lab, expect: AgentworkExpect, exchange: Exchange, task_id: str, code: int, status: str
) -> None:
    """The move answered `code` `{"success": true, "status"}`, and GET agrees (when nobody else
    can have moved the task since: always on the emulator, for completed anywhere)."""
    expect.require(expect.status(exchange, code))
    expect.moved(exchange, status)
    if lab.control is None and status == PROCESSING:
        return  # a real agent may already be past processing
    after = lab.api.get(task_id)
    expect.equal(after, "status afterwards", after.item.get("status"), status)
    for name in WAITING_FIELD.values():  # the answered question or decided proposal is gone
        expect.equal(after, f"{name} afterwards", after.item.get(name), None)
