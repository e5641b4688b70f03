"""What the inspector shows and does for Agentwork tasks: pages, notes and customer moves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_server.apis.agentwork.domain.lifecycle import AWAITING_REPLY
from mock_server.apis.agentwork.domain.model import Event, Task
from mock_server.apis.agentwork.domain.questions import as_text
from mock_server.apis.agentwork.views import resource_view
from mock_server.core.errors import BadRequest, NotFound
from mock_server.core.principal import Principal
from mock_server.hosting.resources import (
    ActionView,
    Note,
    ResourcePage,
    ResourceQuery,
    ResourceView,
)

if TYPE_CHECKING:
    from mock_server.apis.agentwork.runtime import AgentworkRuntime

# The customer's moves, in the order the page shows their buttons: label, and the text each
# carries (None: none) with whether the API refuses it without one.
MOVES: dict[str, tuple[str, str | None, bool]] = {
    "reply": ("Answer the question", "Answer", True),
    "confirm_spec": ("Confirm spec", None, False),
    "reject_spec": ("Reject spec", "Reason (optional)", False),
    "confirm_solution": ("Confirm solution", None, False),
    "reject_solution": ("Reject solution", "Reason (optional)", False),
    "cancel": ("Cancel", None, False),
}
# An event's type, as the timeline names it and who it comes from.
EVENT_KINDS = {
    "status": ("progress", None),
    "question": ("question", "agent"),
    "spec_proposed": ("spec", "agent"),
    "solution_proposed": ("solution", "agent"),
    "message_to_customer": ("message", "agent"),
    "reply": ("reply", "client"),
    "spec_decision": ("decision", "client"),
    "solution_decision": ("decision", "client"),
}


def browse(api: AgentworkRuntime, query: ResourceQuery) -> ResourcePage:
    """Walks the raw tasks newest first and builds views for the page only."""
    store = api.tasks.store
    with api.lock:
        tasks, more = query.walk(
            store.newest(len(store)),
            lambda task: task.task_id,
            lambda task: query.matches(task.task_id, task.title, task.status, None, task.org_id),
        )
    return ResourcePage([resource_view(api, task) for task in tasks], more)


def _task(api: AgentworkRuntime, task_id: str) -> Task:
    task = api.tasks.store.get(task_id)
    if task is None:
        raise NotFound(f"Task {task_id} not found", field="task_id", issue=task_id)
    return task


def actions(api: AgentworkRuntime, task_id: str) -> list[ActionView]:
    """Every customer move the profile's lifecycle knows, allowed or not, each refused in the
    API's own words where the task's status does not allow it."""
    task = _task(api, task_id)
    lifecycle = api.lifecycle
    found = []
    for action, (label, text, required) in MOVES.items():
        if not lifecycle.knows(action):
            continue  # the spec phase is off in this profile
        allowed = lifecycle.allows(action, task.status)
        reason = (
            f"to {lifecycle.table.rule(action).target}"
            if allowed
            else lifecycle.refusal(action, task.status)
        )
        found.append(ActionView(action, label, allowed, reason, text, required))
    return found


def perform(api: AgentworkRuntime, task_id: str, action: str, text: str | None) -> ResourceView:
    """The customer's move, as the task's own creator would make it through the API: a reply
    with the text typed, a rejection with its reason (if one was typed)."""
    if action not in MOVES:
        moves = ", ".join(MOVES)
        raise BadRequest(
            f"Unknown task action {action!r}", field="action", issue=f"use one of {moves}"
        )
    task = _task(api, task_id)
    # FIDELITY (emulator only): the move is the task creator's own call, in its organization.
    who = Principal("inspector", task.org_id, task.user_id, can_write=True)
    service = api.tasks
    if action == "reply":
        return resource_view(api, service.message(who, task_id, text, None))
    if action == "cancel":
        return resource_view(api, service.cancel(who, task_id))
    verdict, _, subject = action.partition("_")
    decide = service.decide_spec if subject == "spec" else service.decide_solution
    status = "CONFIRMED" if verdict == "confirm" else "REJECTED"  # the API's body.status
    return resource_view(api, decide(who, task_id, status, text if status == "REJECTED" else None))


def _event_note(event: Event) -> Note:
    kind, actor = EVENT_KINDS.get(event.type, ("event", None))
    return Note(kind, event.content, event.at, actor)


def notes(api: AgentworkRuntime, task_id: str) -> list[Note]:
    """The task's activity (progress, the question, spec and solution, the customer's
    replies and decisions) on the timeline, the agent's next planned move, and the result
    files (which carry no time of their own)."""
    task = api.tasks.store.get(task_id)
    if task is None:
        return []
    found = [_event_note(event) for event in task.events]
    if task.status == AWAITING_REPLY and task.question is not None:
        text = f"waiting for the customer's answer to: {as_text(task.question.content)}"
        found.append(Note("question", text, None, "agent"))
    with api.lock:
        planned = api.agent.planned.get(task_id)
        steps = api.agent.scenario_of(task).steps if planned else ()
    if planned is not None and planned.index < len(steps):
        what = "revise" if planned.revise else steps[planned.index].action
        text = f"agent step {planned.index + 1} of {len(steps)}: {what}"
        found.append(Note("step", text, planned.due, "agent", upcoming=True))
    for file in task.files:
        size = len(file.content.encode("utf-8", "surrogatepass"))
        text = f"result file {file.name} ({size} bytes, {file.content_type})"
        found.append(Note("file", text, None, "agent"))
    return found
