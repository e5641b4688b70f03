"""What a move does to a task besides its status: the event it logs, the fields it sets."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mock_server.apis.agentwork.domain.lifecycle import (
    AWAITING_REPLY,
    AWAITING_SOLUTION,
    AWAITING_SPEC,
)
from mock_server.apis.agentwork.domain.model import (
    Event,
    Move,
    Proposal,
    Question,
    QuestionContent,
    ResultFile,
    Task,
)
from mock_server.apis.agentwork.domain.questions import as_text

CLARIFYING = "CLARIFYING_QUESTIONS"
TO_CUSTOMER = "TO_CUSTOMER"
QUESTION_TYPES = (CLARIFYING, TO_CUSTOMER)


@dataclass(frozen=True)
class AgentMove:
    """One step of the simulated agent, already rendered for its task."""

    action: str  # agent_note, agent_ask, agent_propose_spec, agent_propose_solution, agent_finish
    content: QuestionContent
    cursor: int  # the scenario step to play after this one
    revision: int = 0
    question_type: str = CLARIFYING
    files: tuple[tuple[str, str, str], ...] = ()  # (name, content, content type)


EVENT_OF_ACTION = {
    "agent_note": "status",
    "agent_propose_spec": "spec_proposed",
    "agent_propose_solution": "solution_proposed",
    "agent_finish": "message_to_customer",
    "reply": "reply",
    "confirm_spec": "spec_decision",
    "reject_spec": "spec_decision",
    "confirm_solution": "solution_decision",
    "reject_solution": "solution_decision",
    "cancel": "status",
}


def event_type(action: str, question_type: str = CLARIFYING) -> str:
    if action == "agent_ask":
        return "question" if question_type == CLARIFYING else "message_to_customer"
    return EVENT_OF_ACTION[action]


def advanced(
    task: Task, action: str, status: str, now: datetime, log: str, *, actor: str, **changes: Any
) -> Task:
    """`task` after `action`: the new status, one more event, activity now, and `changes`."""
    event = Event(now, event_type(action, changes.pop("question_type", CLARIFYING)), log)
    moves = task.moves
    if status != task.status:
        moves = (*moves, Move(now, task.status, status, action, actor))
    return dataclasses.replace(
        task,
        status=status,
        last_activity_at=now,
        events=(*task.events, event),
        moves=moves,
        **changes,
    )


# A task keeps the last question, spec and solution; each shows only in its waiting status.
def current_question(task: Task) -> Question | None:
    return task.question if task.status == AWAITING_REPLY else None


def current_spec(task: Task) -> Proposal | None:
    return task.spec if task.status == AWAITING_SPEC else None


def current_solution(task: Task) -> Proposal | None:
    return task.solution if task.status == AWAITING_SOLUTION else None


def agent_changes(move: AgentMove, message_id: str, file_ids: list[str]) -> dict[str, Any]:
    """What the agent's `move` sets besides the status: where the script stands, and the
    question, spec, solution or final message with its files."""
    changes: dict[str, Any] = {"cursor": move.cursor, "revision": move.revision}
    text = as_text(move.content)
    if move.action == "agent_ask":
        changes["question"] = Question(message_id, move.content, move.question_type)
        changes["question_type"] = move.question_type
    elif move.action == "agent_propose_spec":
        changes["spec"] = Proposal(message_id, text)
    elif move.action in ("agent_propose_solution", "agent_finish"):
        # FIDELITY: "result_text is the content of the most recent proposed solution or
        # final message"; a final message without files keeps the solution's.
        changes["result_text"] = text
        if move.action == "agent_propose_solution":
            changes["solution"] = Proposal(message_id, text)
        if move.files or move.action == "agent_propose_solution":
            changes["files"] = tuple(
                ResultFile(file_id, name, content, content_type)
                for file_id, (name, content, content_type) in zip(file_ids, move.files, strict=True)
            )
    return changes
