"""Work items: create, read, list, human decisions, and the moves that leave receipts."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from mock_server.apis.threada.domain.access import MANAGE, READ, WRITE, Caller
from mock_server.apis.threada.domain.catalog import Catalog
from mock_server.apis.threada.domain.errors import EvidenceRequired, WorkItemNotFound
from mock_server.apis.threada.domain.lifecycle import (
    HUMAN_DECISIONS,
    NEW,
    OUTCOME_OF,
    WORK_ITEM,
    ai_action_to,
)
from mock_server.apis.threada.domain.model import (
    Actor,
    Evidence,
    Execution,
    JsonObject,
    ProposedAction,
    Receipt,
    WorkItem,
)
from mock_server.apis.threada.domain.numbering import Numbering
from mock_server.apis.threada.domain.paging import ListQuery, decode_token, encode_token
from mock_server.apis.threada.domain.scenarios import DecisionStep, ScenarioBook
from mock_server.core.clock import Clock
from mock_server.core.errors import BadRequest
from mock_server.core.store import IndexedStore


@dataclass(frozen=True)
class CreateRequest:
    workflow_id: str
    payload: JsonObject
    channel_id: str | None = None
    scenario: str | None = None  # emulator only: `Prefer: scenario=<name>`


@dataclass(frozen=True)
class Moved:
    """Published (under the lock, so in order) after an item was created or moved."""

    item: WorkItem
    receipt: Receipt | None  # None for a create


Listener = Callable[[Moved], None]


def _store() -> IndexedStore[WorkItem]:
    return IndexedStore(
        key=lambda item: item.work_item_id,
        indexes={
            "tenant": lambda item: item.tenant_id,
            "channel": lambda item: (item.tenant_id, item.channel_id),
            "workflow": lambda item: (item.tenant_id, item.workflow_id),
            "status": lambda item: (item.tenant_id, item.status),
            "policy_version": lambda item: (item.tenant_id, item.policy.version),
        },
    )


class WorkItemService:
    """Owns every tenant's work items; each public method is one atomic, validated step."""

    def __init__(
        self,
        catalog: Catalog,
        scenarios: ScenarioBook,
        clock: Clock,
        numbering: Numbering,
        lock: threading.RLock,
    ) -> None:
        self.catalog, self.scenarios, self.clock = catalog, scenarios, clock
        self.numbering, self.lock = numbering, lock
        self.store = _store()
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    # -- the API -----------------------------------------------------------------------------

    def create(self, caller: Caller, request: CreateRequest) -> WorkItem:
        caller.require(WRITE, what="creating a work item")
        with self.lock:
            workflow = self.catalog.workflow(request.workflow_id)
            channel = self.catalog.intake_channel(workflow, request.channel_id)
            scenario = self.scenarios.known(request.scenario or workflow.scenario).name
            policy = self.catalog.policy_of(workflow).ref
            now = self.clock.now()
            item = WorkItem(
                work_item_id=self.numbering.new("work_item"),
                tenant_id=caller.tenant_id,
                workflow_id=workflow.workflow_id,
                channel_id=channel,
                payload=request.payload,
                status=NEW,
                policy=policy,
                requester=caller.actor,
                created_at=now,
                updated_at=now,
                scenario=scenario,
            )
            self.store.add(item)
            self._publish(Moved(item, None))
        return item

    def get(self, caller: Caller, work_item_id: str) -> WorkItem:
        caller.require(READ, what="reading a work item")
        return self.in_tenant(caller.tenant_id, work_item_id)

    def list(self, caller: Caller, query: ListQuery) -> tuple[list[WorkItem], str | None]:
        """One newest-first page and the token of the next (None on the last page)."""
        caller.require(READ, what="listing work items")
        fingerprint = query.fingerprint(caller.tenant_id)
        before = decode_token(query.page_token, fingerprint) if query.page_token else None
        where = query.where(caller.tenant_id)
        with self.lock:
            page = self.store.seek(where, query.limit, before, query.also(), query.stop())
        token = None if page.next_before is None else encode_token(page.next_before, fingerprint)
        return page.records, token

    def decide(
        self, caller: Caller, work_item_id: str, decision: str, evidence: Evidence
    ) -> WorkItem:
        """A person's approve, reject or escalate; it wins over any planned automatic step."""
        if decision not in HUMAN_DECISIONS:
            raise ValueError(f"not a human decision: {decision}")
        caller.require(MANAGE, what=f"to {decision} a work item")
        if not evidence.given:
            raise EvidenceRequired(
                f"A decision to {decision} needs its evidence: citations or a fallback_reason.",
                field="body",
                issue="give citations, a fallback_reason, or both",
            )
        with self.lock:
            item = self.in_tenant(caller.tenant_id, work_item_id)
            proposed = item.proposed_action
            return self.move(
                item,
                decision,
                caller.actor,
                evidence,
                action_id=proposed.action_id if proposed else None,
                integration_id=proposed.integration_id if proposed else None,
            )

    def switch_scenario(self, work_item_id: str, scenario: str) -> WorkItem:
        """Give an item decisioning has not acted on yet another scenario (an emulator
        control: no receipt, since nothing was decided)."""
        with self.lock:
            item = self.store.get(work_item_id)
            if item is None:
                raise WorkItemNotFound(
                    f"Work item {work_item_id} not found.", field="resource_id", issue="no such id"
                )
            chosen = self.scenarios.known(scenario, field="scenario").name
            if item.status != NEW:
                raise BadRequest(
                    f"Work item {work_item_id} is {item.status}: decisioning has acted on it "
                    "already; a scenario can only be switched while the item is new.",
                    field="scenario",
                    issue=f"status {item.status}",
                )
            updated = dataclasses.replace(item, scenario=chosen)
            self.store.replace(updated)
        return updated

    # -- for the engine and executions (caller holds the lock) ------------------------------

    def in_tenant(self, tenant_id: str, work_item_id: str) -> WorkItem:
        item = self.store.get(work_item_id)
        if item is None or item.tenant_id != tenant_id:
            # INFERRED (the issue asks it): another tenant's item is "not found", never
            # "forbidden", so ids of other tenants' items leak nothing.
            raise WorkItemNotFound(
                f"Work item {work_item_id} not found.",
                field="work_item_id",
                issue=f"no work item {work_item_id!r} in tenant {tenant_id!r}",
            )
        return item

    def decision_step(
        self, work_item_id: str, step: DecisionStep, expected_status: str
    ) -> WorkItem | None:
        """Apply a decisioning step if the item still stands where the scenario left it."""
        with self.lock:
            item = self.store.get(work_item_id)
            action = ai_action_to(step.status)
            if item is None or item.status != expected_status or action is None:
                return None  # a person (or an execution) moved the item on: the step is moot
            if not WORK_ITEM.allows(action, item.status):
                return None
            actor = Actor("ai", f"decisioning/{item.scenario}")
            proposed = step.propose
            return self.move(
                item,
                action,
                actor,
                step.evidence,
                proposed=proposed,
                action_id=proposed.action_id if proposed else None,
                integration_id=proposed.integration_id if proposed else None,
            )

    def move(
        self,
        item: WorkItem,
        action: str,
        actor: Actor,
        evidence: Evidence,
        *,
        proposed: ProposedAction | None = None,
        execution: Execution | None = None,
        **links: Any,
    ) -> WorkItem:
        """Move `item` by `action` (IllegalMove if the table forbids it) with its receipt."""
        status = WORK_ITEM.target(action, item.status)
        now = self.clock.now()
        if execution is not None:
            links = {
                "action_id": execution.action_id,
                "integration_id": execution.integration_id,
                "execution_id": execution.execution_id,
                **links,
            }
        receipt = Receipt(
            self.numbering.new("receipt"),
            now,
            actor,
            action,
            OUTCOME_OF[action],
            item.status,
            status,
            item.policy,
            evidence,
            **links,
        )
        changes: dict[str, Any] = {
            "status": status,
            "updated_at": now,
            "receipts": (*item.receipts, receipt),
        }
        if proposed is not None:
            changes["proposed_action"] = proposed
        if execution is not None and execution.execution_id not in item.execution_ids:
            changes["execution_ids"] = (*item.execution_ids, execution.execution_id)
        updated = dataclasses.replace(item, **changes)
        self.store.replace(updated)
        self._publish(Moved(updated, receipt))
        return updated

    # -- state -------------------------------------------------------------------------------

    def clear(self) -> None:
        self.store.clear()

    def restore(self, items: Iterable[WorkItem]) -> None:
        """Replace every item (in creation order, as the store keeps them)."""
        self.store.clear()
        for item in items:
            self.store.add(item)

    def _publish(self, moved: Moved) -> None:
        for listener in self._listeners:
            listener(moved)
