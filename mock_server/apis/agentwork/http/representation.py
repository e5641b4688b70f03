"""Tasks, events and results as the contract shows them on the wire."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from mock_server.apis.agentwork.domain.accounts import IssuedKey
from mock_server.apis.agentwork.domain.model import Event, Proposal, ResultFile, Task
from mock_server.apis.agentwork.domain.moves import (
    current_question,
    current_solution,
    current_spec,
)

DownloadUrl = Callable[[ResultFile], str]


def timestamp(instant: datetime) -> str:
    """`2026-02-22T14:30:00`: UTC to the second, no offset, as the reference's examples."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def _proposal(proposal: Proposal | None) -> dict[str, Any] | None:
    return {"message_id": proposal.message_id, "content": proposal.content} if proposal else None


def task_json(task: Task) -> dict[str, Any]:
    """The Task schema: only the field of the status the task waits in is populated."""
    question = current_question(task)
    return {
        "task_id": task.task_id,
        "title": task.title,
        "status": task.status,
        "last_activity_at": timestamp(task.last_activity_at),
        "question": (
            {"message_id": question.message_id, "content": question.content, "type": question.type}
            if question
            else None
        ),
        "spec": _proposal(current_spec(task)),
        "solution": _proposal(current_solution(task)),
    }


def summary_json(task: Task) -> dict[str, Any]:
    return {
        "task_id": task.task_id,
        "title": task.title,
        "status": task.status,
        "created_at": timestamp(task.created_at),
    }


def event_json(event: Event) -> dict[str, Any]:
    return {"timestamp": timestamp(event.at), "type": event.type, "content": event.content}


def result_json(task: Task, url_of: DownloadUrl) -> dict[str, Any]:
    return {
        "task_id": task.task_id,
        "status": task.status,
        "result_text": task.result_text or "",
        "files": [{"name": f.name, "download_url": url_of(f)} for f in task.files],
    }


def action_json(task: Task) -> dict[str, Any]:
    return {"success": True, "status": task.status}


def issued_key_json(issued: IssuedKey, *, with_user: bool) -> dict[str, Any]:
    body = {
        "api_key": issued.api_key,
        "key_prefix": issued.prefix,
        "organization_id": issued.organization.org_id,
        "organization_short_id": issued.organization.short_id,
    }
    if with_user:
        body["user_id"] = issued.account.user_id
    return body
