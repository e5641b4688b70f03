"""Work-item operations: create, finalize, read, list and lifecycle actions."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from mock_server.core.atomic import AtomicLock
from mock_server.core.clock import Clock
from mock_server.core.errors import NotFound
from mock_server.core.ids import IdFactory
from mock_server.core.store import IndexedStore
from mock_server.workitems.agents import AgentDirectory
from mock_server.workitems.model import Callback, JsonObject, Principal, WorkItem
from mock_server.workitems.profile import Profile
from mock_server.workitems.rules import normalize_name


@dataclass(frozen=True)
class StatusChange:
    """Published after a work item entered `item.status` through `action`."""

    item: WorkItem
    previous: str | None
    action: str


@dataclass(frozen=True)
class CreateRequest:
    agent_id: str
    payload: JsonObject
    messages: tuple[JsonObject, ...]
    callbacks: tuple[Callback, ...]
    work_item_name: str | None = None
    scenario: str | None = None


@dataclass(frozen=True)
class ListQuery:
    offset: int = 0
    limit: int = 100
    agent_id: str | None = None
    created_by: str | None = None
    statuses: tuple[str, ...] | None = None  # any of them
    name_search: str | None = None  # a case-insensitive part of the name

    def predicate(self) -> Callable[[WorkItem], bool] | None:
        """What the indexes cannot answer: several statuses, or a part of the name."""
        statuses = (
            frozenset(self.statuses) if self.statuses and len(set(self.statuses)) > 1 else None
        )
        needle = self.name_search.casefold() if self.name_search else None
        if statuses is None and needle is None:
            return None
        return lambda item: (
            (statuses is None or item.status in statuses)
            and (needle is None or needle in (item.display_name or "").casefold())
        )


Listener = Callable[[StatusChange], None]


def _store() -> IndexedStore[WorkItem]:
    return IndexedStore(
        key=lambda item: item.work_item_id,
        indexes={
            "tenant": lambda item: item.tenant_id,
            "agent": lambda item: (item.tenant_id, item.agent_id),
            "creator": lambda item: (item.tenant_id, item.created_by),
            "status": lambda item: (item.tenant_id, item.status),
        },
    )


class WorkItemService:
    """Owns the work items of every tenant; each public method is one atomic step."""

    def __init__(
        self, profile: Profile, clock: Clock, ids: IdFactory, agents: AgentDirectory
    ) -> None:
        self.profile = profile
        self.clock = clock
        self.ids = ids
        self.agents = agents
        self.lock = AtomicLock()  # each locked block is one unit: a failure undoes its writes
        self.store = _store()
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        """Call `listener` (under the lock, so in order) after every status change."""
        self._listeners.append(listener)

    def clear(self) -> None:
        with self.lock:
            self.store.clear()

    # -- reads -------------------------------------------------------------------------------

    def get(self, tenant_id: str, work_item_id: str) -> WorkItem:
        item = self.store.get(work_item_id)
        if item is None or item.tenant_id != tenant_id:
            raise NotFound(
                f"Work item {work_item_id} not found.",
                field="work_item_id",
                issue=f"no work item {work_item_id!r} in tenant {tenant_id!r}",
            )
        return item

    def list(self, tenant_id: str, query: ListQuery) -> tuple[list[WorkItem], int | None]:
        """One newest-first page and the offset of the next one (None on the last page)."""
        where: dict[str, Any] = {"tenant": tenant_id}
        if query.agent_id is not None:
            where["agent"] = (tenant_id, query.agent_id)
        if query.created_by is not None:
            where["creator"] = (tenant_id, query.created_by)
        if query.statuses is not None and len(set(query.statuses)) == 1:
            where["status"] = (tenant_id, query.statuses[0])
        with self.lock:
            page = self.store.page(where, query.offset, query.limit, query.predicate())
        return page.records, (query.offset + len(page.records) if page.has_more else None)

    # -- writes ------------------------------------------------------------------------------

    def create(self, who: Principal, request: CreateRequest) -> WorkItem:
        agent = self.agents.find(who.tenant_id, request.agent_id)
        now = self.clock.now()
        item_id = self.ids.uuid("work_item")
        item = WorkItem(
            work_item_id=item_id,
            tenant_id=who.tenant_id,
            status=self.profile.queued_status,
            agent_id=agent.agent_id,
            created_by=who.user_id,
            user_id=who.user_id,
            created_at=now,
            updated_at=now,
            status_updated_at=now,
            work_item_name=normalize_name(request.work_item_name),
            payload=request.payload,
            initial_messages=request.messages,
            messages=request.messages,
            callbacks=request.callbacks,
            run=1,
            scenario=request.scenario or agent.scenario,
        )
        with self.lock:
            self.store.add(item)
            self._publish(StatusChange(item, None, "create"))
        return item

    def finalize(self, who: Principal, work_item_id: str, request: CreateRequest) -> WorkItem:
        """Give a PRECREATED item its agent, payload, messages and callbacks, and queue it."""
        agent = self.agents.find(who.tenant_id, request.agent_id)
        with self.lock:
            item = self.get(who.tenant_id, work_item_id)
            status = self.profile.table.target("finalize", item.status)
            return self.commit(
                item,
                "finalize",
                status=status,
                agent_id=agent.agent_id,
                work_item_name=normalize_name(request.work_item_name),
                payload=request.payload,
                initial_messages=request.messages,
                messages=request.messages,
                callbacks=request.callbacks,
                run=item.run + 1,
                scenario=request.scenario or agent.scenario,
            )

    def act(
        self, who: Principal, work_item_id: str, action: str, *, scenario: str | None = None
    ) -> WorkItem:
        """Apply a client lifecycle action (continue, restart, cancel, complete)."""
        with self.lock:
            item = self.get(who.tenant_id, work_item_id)
            status = self.profile.table.target(action, item.status)
            effect = self.profile.effect(action)
            changes: dict[str, Any] = {"status": status}
            if effect.resets_conversation:
                changes.update(messages=item.initial_messages, thread_id=None)
            if effect.queues_run:
                changes["run"] = item.run + 1
                changes["scenario"] = scenario or item.scenario
            return self.commit(item, action, **changes)

    def commit(self, item: WorkItem, action: str, **changes: Any) -> WorkItem:
        """Store a new version of `item` (caller holds the lock) and publish status changes."""
        now = self.clock.now()
        changes["updated_at"] = now
        if changes.get("status", item.status) != item.status:
            changes["status_updated_at"] = now
        updated = dataclasses.replace(item, **changes)
        self.store.replace(updated)
        if updated.status != item.status or self.profile.effect(action).queues_run:
            self._publish(StatusChange(updated, item.status, action))
        return updated

    def add_stub(self, who: Principal, **fields: Any) -> WorkItem:
        """A new item in the profile's stub status (upload-file without a work item)."""
        now = self.clock.now()
        item = WorkItem(
            work_item_id=self.ids.uuid("work_item"),
            tenant_id=who.tenant_id,
            status=self.profile.stub_status,
            agent_id=None,
            created_by=who.user_id,
            user_id=who.user_id,
            created_at=now,
            updated_at=now,
            status_updated_at=now,
            **fields,
        )
        self.store.add(item)
        self._publish(StatusChange(item, None, "upload"))
        return item

    def _publish(self, change: StatusChange) -> None:
        for listener in self._listeners:
            listener(change)

    def stats(self) -> Mapping[str, int]:
        return {"work_items": len(self.store)}
