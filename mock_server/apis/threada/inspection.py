"""What the inspector shows and does for Threada work items: receipts, decisioning's next
step, executions and their webhooks, and a person's decision (approve, reject, escalate)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_server.apis.threada.domain.access import MANAGE, Caller
from mock_server.apis.threada.domain.errors import WorkItemNotFound
from mock_server.apis.threada.domain.lifecycle import HUMAN_DECISIONS, WORK_ITEM
from mock_server.apis.threada.domain.model import Actor, Evidence, Receipt, WorkItem
from mock_server.apis.threada.engine.runner import SUBJECT_PREFIX
from mock_server.apis.threada.views import ACTOR_OF, resource_view
from mock_server.core.errors import BadRequest
from mock_server.hosting.resources import (
    ActionView,
    Note,
    ResourcePage,
    ResourceQuery,
    ResourceView,
)

if TYPE_CHECKING:
    from mock_server.apis.threada.runtime import ThreadaRuntime

EVIDENCE = "Evidence (fallback reason)"
# FIDELITY (inferred): a decision from the inspector is a person's, made with the workflow
# scope; its receipt names this actor, as a real receipt names the key's.
INSPECTOR = Actor("human", "inspector")


def browse(api: ThreadaRuntime, query: ResourceQuery) -> ResourcePage:
    """Walks the raw items newest first and builds views for the page only."""
    store = api.service.items.store
    with api.lock:
        items, more = query.walk(
            store.newest(len(store)),
            lambda item: item.work_item_id,
            lambda item: query.matches(
                item.work_item_id, item.workflow_id, item.status, None, item.tenant_id
            ),
        )
    return ResourcePage([resource_view(api, item) for item in items], more)


def _item(api: ThreadaRuntime, work_item_id: str) -> WorkItem:
    item = api.service.items.store.get(work_item_id)
    if item is None:
        raise WorkItemNotFound(
            f"Work item {work_item_id} not found.", field="work_item_id", issue="no such id"
        )
    return item


def actions(api: ThreadaRuntime, work_item_id: str) -> list[ActionView]:
    """A person's three decisions, each needing its evidence, as the API's do."""
    item = _item(api, work_item_id)
    found = []
    for decision in HUMAN_DECISIONS:
        rule = WORK_ITEM.rule(decision)
        allowed = WORK_ITEM.allows(decision, item.status)
        reason = (
            f"to {rule.target}"
            if allowed
            else f"Cannot {rule.verb} work item from status {item.status} "
            f"(allowed from {', '.join(sorted(rule.sources))})"
        )
        found.append(ActionView(decision, decision.capitalize(), allowed, reason, EVIDENCE, True))
    return found


def perform(api: ThreadaRuntime, work_item_id: str, action: str, text: str | None) -> ResourceView:
    """POST /work-items/{id}/{decision} with `fallback_reason` as its evidence, in the item's
    tenant: the service refuses a missing evidence or a status the table forbids."""
    if action not in HUMAN_DECISIONS:
        raise BadRequest(
            f"Unknown work item decision {action!r}.",
            field="action",
            issue=f"use one of {', '.join(HUMAN_DECISIONS)}",
        )
    item = _item(api, work_item_id)
    caller = Caller("inspector", item.tenant_id, INSPECTOR.id, True, frozenset({MANAGE}), INSPECTOR)
    decided = api.service.items.decide(caller, work_item_id, action, Evidence((), text))
    return resource_view(api, decided)


def _evidence_text(evidence: Evidence) -> str:
    cited = [c.source for c in evidence.citations]
    parts = ([f"cites {', '.join(cited)}"] if cited else []) + (
        [evidence.fallback_reason] if evidence.fallback_reason else []
    )
    return "; ".join(parts)


def _receipt_note(receipt: Receipt) -> Note:
    about = f" ({receipt.action_id} via {receipt.integration_id})" if receipt.action_id else ""
    evidence = _evidence_text(receipt.evidence)
    text = f"receipt {receipt.receipt_id}: {receipt.outcome}{about}" + (
        f"; {evidence}" if evidence else ""
    )
    return Note("receipt", text, receipt.at, ACTOR_OF[receipt.actor.type])


def notes(api: ThreadaRuntime, work_item_id: str) -> list[Note]:
    """Each receipt with its evidence, each execution, and decisioning's next step."""
    item = api.service.items.store.get(work_item_id)
    if item is None:
        return []
    found = [_receipt_note(receipt) for receipt in item.receipts]
    for execution_id in item.execution_ids:
        execution = api.service.executions.find(execution_id)
        if execution is not None:
            text = (
                f"execution {execution_id} of {execution.action_id}: {execution.status}, "
                f"{execution.attempts} attempt(s)"
            )
            found.append(Note("execution", text, execution.created_at, "system"))
    with api.lock:
        planned = api.decisioning.planned.get(work_item_id)
        scenario = api.service.scenarios.get(planned.scenario) if planned else None
    if planned is not None and scenario is not None and planned.index < len(scenario.steps):
        step = scenario.steps[planned.index]
        text = f"decisioning step {planned.index + 1} of {len(scenario.steps)}: to {step.status}"
        found.append(Note("step", text, planned.due, "agent", upcoming=True))
    return found


def delivery_subjects(api: ThreadaRuntime, work_item_id: str) -> list[str]:
    """The item's executions carry its webhooks (one delivery per execution attempt)."""
    item = api.service.items.store.get(work_item_id)
    executions = item.execution_ids if item is not None else ()
    return [work_item_id, *(SUBJECT_PREFIX + e for e in executions)]


def subject_resource(api: ThreadaRuntime, subject: str) -> str | None:
    """An execution's webhook links to its work item's page."""
    if not subject.startswith(SUBJECT_PREFIX):
        return subject
    execution = api.service.executions.find(subject.removeprefix(SUBJECT_PREFIX))
    return execution.work_item_id if execution is not None else None
