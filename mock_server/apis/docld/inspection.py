"""What the inspector shows and does for DocLD: workflows, executions and documents on one
list; a workflow's buttons (execute, enable, disable); an execution's steps and webhooks."""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mock_server.apis.docld.domain.model import Document, Execution, Workflow
from mock_server.apis.docld.views import document_view, execution_view, workflow_view
from mock_server.core.errors import BadRequest, IllegalMove, NotFound
from mock_server.hosting.resources import (
    ActionView,
    Note,
    ResourcePage,
    ResourceQuery,
    ResourceView,
)

if TYPE_CHECKING:
    from mock_server.apis.docld.runtime import DocldRuntime

Record = Workflow | Execution | Document
# A workflow's buttons, in the order the page shows them, with their labels.
LABELS = {"execute": "Execute", "enable": "Enable", "disable": "Disable"}
TRIGGER_DATA = "Trigger data (a JSON object, optional)"
SUBJECTS_SHOWN = 20  # a workflow's page shows the webhooks of its newest executions only


def _created(record: Record) -> datetime:
    return record.started_at if isinstance(record, Execution) else record.created_at


def _facts(record: Record) -> tuple[str, str | None, str, str]:
    """(id, name, status, organization) of any record, for the list's filters."""
    if isinstance(record, Execution):
        return record.id, record.workflow_name, record.status, record.organization_id
    if isinstance(record, Workflow):
        status = "enabled" if record.enabled else "disabled"
        return record.id, record.name, status, record.organization_id
    return record.id, record.name, record.status, record.organization_id


def _newest_first(api: DocldRuntime) -> Iterator[Record]:
    """Every record newest first; each table keeps creation order, so this merges three
    reversed walks and copies nothing (the caller holds the lock)."""
    space = api.domain.space
    tables: list[Iterator[Record]] = [
        reversed(space.executions.values()),
        reversed(space.workflows.values()),
        reversed(space.documents.values()),
    ]
    return heapq.merge(*tables, key=_created, reverse=True)


def _view(api: DocldRuntime, record: Record) -> ResourceView:
    if isinstance(record, Execution):
        return execution_view(api, record)
    if isinstance(record, Workflow):
        return workflow_view(api, record)
    return document_view(api, record)


def browse(api: DocldRuntime, query: ResourceQuery) -> ResourcePage:
    with api.lock:
        records, more = query.walk(
            _newest_first(api),
            lambda record: record.id,
            lambda record: query.matches(*_facts(record)[:3], None, _facts(record)[3]),
        )
    return ResourcePage([_view(api, record) for record in records], more)


def _an(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def _workflow(api: DocldRuntime, resource_id: str) -> Workflow | None:
    return api.domain.space.workflows.get(resource_id)


def actions(api: DocldRuntime, resource_id: str) -> list[ActionView]:
    """A workflow's buttons; an execution or a document has none (the API gives clients no
    move on them)."""
    workflow = _workflow(api, resource_id)
    if workflow is None:
        return []
    state = "enabled" if workflow.enabled else "disabled"
    disabled_reason = f"Workflow {workflow.id} is disabled; enable it to execute it."
    return [
        ActionView(
            "execute",
            LABELS["execute"],
            workflow.enabled,
            "starts a manual execution" if workflow.enabled else disabled_reason,
            TRIGGER_DATA,
        ),
        ActionView(
            "enable",
            LABELS["enable"],
            not workflow.enabled,
            "its triggers fire again" if not workflow.enabled else f"already {state}",
        ),
        ActionView(
            "disable",
            LABELS["disable"],
            workflow.enabled,
            "no trigger fires it" if workflow.enabled else f"already {state}",
        ),
    ]


def _trigger_data(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError as error:
        raise BadRequest(
            f"Trigger data is not JSON: {error}.", field="trigger_data", issue="not JSON"
        ) from None
    if not isinstance(data, dict):
        raise BadRequest(
            "Trigger data must be a JSON object.", field="trigger_data", issue="not an object"
        )
    return data


def perform(api: DocldRuntime, resource_id: str, action: str, text: str | None) -> ResourceView:
    """The workflow's owner's call: POST .../execute, or PUT with `enabled`, through the
    domain, so its own checks decide (a disabled workflow is never executed)."""
    if action not in LABELS:
        raise BadRequest(
            f"Unknown workflow action {action!r}.",
            field="action",
            issue=f"use one of {', '.join(LABELS)}",
        )
    workflow = _workflow(api, resource_id)
    if workflow is None:
        view = api.view(resource_id)
        if view is None:
            raise NotFound(f"No DocLD workflow {resource_id}.", field="workflow_id")
        raise BadRequest(
            f"DocLD gives clients no move on {_an(view.kind)}: only a workflow can be executed, "
            "enabled or disabled.",
            field="action",
            issue=f"{resource_id} is {_an(view.kind)}",
        )
    if action == "execute":
        started = api.domain.executions.start(workflow, "manual", _trigger_data(text))
        return execution_view(api, started)
    wanted = action == "enable"
    if workflow.enabled == wanted:
        # DEVIATION: the API would take this as a no-op update; the inspector says so instead.
        raise IllegalMove(
            f"Workflow {workflow.id} is already {action}d.", field="enabled", issue=action
        )
    updated = api.domain.workflows.update(
        workflow.organization_id, workflow.id, {"enabled": wanted}
    )
    api._changed()  # enabling or disabling a workflow publishes no event: the page must know
    return workflow_view(api, updated)


def _execution_notes(api: DocldRuntime, execution: Execution) -> list[Note]:
    found = []
    for number, entry in enumerate(execution.log, start=1):
        error = f": {entry.error}" if entry.error else ""
        text = f"step {number} {entry.step_id} ({entry.type}) started, {entry.status}{error}"
        found.append(Note("step", text, entry.started_at, "agent"))
    with api.lock:
        planned = api.engine.runner.planned.get(execution.id)
    if planned is not None:
        text = f"step {planned.index + 1} of {len(execution.steps)} ends"
        found.append(Note("step", text, planned.due, "agent", upcoming=True))
    return found


def _workflow_notes(api: DocldRuntime, workflow: Workflow) -> list[Note]:
    space = api.domain.space
    with api.lock:
        runs = [space.executions[i] for i in space.executions_of.get(workflow.id, [])]
    return [
        Note(
            "execution",
            f"execution {run.id} ({run.triggered_by}): {run.status}",
            run.started_at,
            "client" if run.triggered_by in ("manual", "webhook") else "system",
        )
        for run in runs
    ]


def notes(api: DocldRuntime, resource_id: str) -> list[Note]:
    """An execution's steps and the end of the running one; a workflow's executions."""
    space = api.domain.space
    execution = space.executions.get(resource_id)
    if execution is not None:
        return _execution_notes(api, execution)
    workflow = space.workflows.get(resource_id)
    return _workflow_notes(api, workflow) if workflow is not None else []


def delivery_subjects(api: DocldRuntime, resource_id: str) -> list[str]:
    """A workflow's page also shows the webhooks of its newest executions."""
    with api.lock:
        runs = api.domain.space.executions_of.get(resource_id, [])
        return [resource_id, *runs[-SUBJECTS_SHOWN:]]
