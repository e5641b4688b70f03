"""Work-item operations: create, finalize, read, list and lifecycle actions."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from mock_server.apis.sema4.domain.agents import AgentDirectory
from mock_server.apis.sema4.domain.model import Agent, Principal, WorkItem
from mock_server.apis.sema4.domain.profile import AGENT, HUMAN, Profile
from mock_server.apis.sema4.domain.records import Acted, CreateRequest, ListQuery, StatusChange
from mock_server.apis.sema4.domain.rules import checked_uuid, normalize_name, rename_to
from mock_server.core.atomic import AtomicLock
from mock_server.core.clock import Clock
from mock_server.core.errors import NotFound
from mock_server.core.ids import IdFactory
from mock_server.core.store import IndexedStore

__all__ = ["Acted", "CreateRequest", "ListQuery", "StatusChange", "WorkItemService"]

Listener = Callable[[StatusChange], None]
ItemListener = Callable[[WorkItem], object]  # what it returns is ignored


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
        self._removal_listeners: list[ItemListener] = []
        self._run_end_listeners: list[ItemListener] = []

    def subscribe(self, listener: Listener) -> None:
        """Call `listener` (under the lock, so in order) after every status change."""
        self._listeners.append(listener)

    def on_removed(self, listener: ItemListener) -> None:
        """Call `listener` (under the lock) after an item was deleted."""
        self._removal_listeners.append(listener)

    def on_run_end(self, listener: ItemListener) -> None:
        """Call `listener` (under the lock) when an agent run of an item ends, whatever status
        the item is in then (the platform fires its callbacks there)."""
        self._run_end_listeners.append(listener)

    def checked_id(self, value: str, field: str) -> str:
        """An id as the profile takes it: a canonical UUID on the platform, else as given."""
        return checked_uuid(value, field) if self.profile.uuid_ids else value

    def find_agent(self, who: Principal, agent_id: str) -> Agent:
        return self.agents.find(who.tenant_id, self.checked_id(agent_id, "agent_id"))

    def clear(self) -> None:
        with self.lock:
            self.store.clear()

    # -- reads -------------------------------------------------------------------------------

    def get(self, tenant_id: str, work_item_id: str) -> WorkItem:
        work_item_id = self.checked_id(work_item_id, "work_item_id")
        item = self.store.get(work_item_id)
        if item is None or item.tenant_id != tenant_id:
            raise NotFound(
                self.profile.not_found_message.format(work_item_id=work_item_id),
                field="work_item_id",
                issue=f"no work item {work_item_id!r} in tenant {tenant_id!r}",
                data={"work_item_id": work_item_id},
            )
        return item

    def list(self, tenant_id: str, query: ListQuery) -> tuple[list[WorkItem], int | None]:
        """One newest-first page and the offset of the next one (None on the last page)."""
        where: dict[str, Any] = {"tenant": tenant_id}
        if query.agent_id is not None:
            where["agent"] = (tenant_id, self.checked_id(query.agent_id, "agent_id"))
        if query.created_by is not None:
            where["creator"] = (tenant_id, self.checked_id(query.created_by, "created_by"))
        if query.statuses is not None and len(set(query.statuses)) == 1:
            where["status"] = (tenant_id, query.statuses[0])
        with self.lock:
            page = self.store.page(where, query.offset, query.limit, query.predicate())
        return page.records, (query.offset + len(page.records) if page.has_more else None)

    # -- writes ------------------------------------------------------------------------------

    def create(self, who: Principal, request: CreateRequest) -> WorkItem:
        agent = self.find_agent(who, request.agent_id)
        now = self.clock.now()
        item_id = self.ids.uuid("work_item")
        item = WorkItem(
            work_item_id=item_id,
            tenant_id=who.tenant_id,
            status=self.profile.queued_status,
            agent_id=agent.agent_id,
            created_by=who.user_id,
            user_id=self.profile.owner_user_id or who.user_id,
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
        """Give a stub item its agent, payload, messages and callbacks, and queue it."""
        agent = self.find_agent(who, request.agent_id)
        with self.lock:
            item = self.get(who.tenant_id, work_item_id)
            status = self.profile.target("finalize", item.status)
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
        return self.perform(who, work_item_id, action, scenario=scenario).item

    def perform(
        self, who: Principal, work_item_id: str, action: str, *, scenario: str | None = None
    ) -> Acted:
        """`act`, also telling the status the item left (cancel says if an agent was running)."""
        with self.lock:
            item = self.get(who.tenant_id, work_item_id)
            status = self.profile.target(action, item.status)
            effect = self.profile.effect(action)
            changes: dict[str, Any] = {"status": status}
            if effect.resets_conversation:
                changes.update(messages=item.initial_messages, thread_id=None, completed_by=None)
            if effect.queues_run:
                changes["run"] = item.run + 1
                changes["scenario"] = scenario or item.scenario
            return Acted(self.commit(item, action, **changes), item.status)

    def rename(self, who: Principal, work_item_id: str, name: str | None) -> WorkItem:
        """A new (normalised) name in any status; no name at all still counts as an update."""
        with self.lock:
            item = self.get(who.tenant_id, work_item_id)
            if name is None:
                return self.commit(item, "rename")
            return self.commit(item, "rename", work_item_name=rename_to(name))

    def commit(self, item: WorkItem, action: str, **changes: Any) -> WorkItem:
        """Store a new version of `item` (caller holds the lock) and publish status changes."""
        now = self.clock.now()
        changes["updated_at"] = now
        effect = self.profile.effect(action)
        status = changes.get("status", item.status)
        if status != item.status:
            changes["status_updated_at"] = now
            changes.setdefault("status_updated_by", effect.actor)
            if status == self.profile.completed_status and effect.actor in (HUMAN, AGENT):
                changes.setdefault("completed_by", effect.actor)
        updated = dataclasses.replace(item, **changes)
        self.store.replace(updated)
        if updated.status != item.status or effect.queues_run:
            self._publish(StatusChange(updated, item.status, action))
        return updated

    def end_run(self, item: WorkItem) -> None:
        """An agent run of `item` is over (caller holds the lock)."""
        for listener in self._run_end_listeners:
            listener(item)

    def remove(self, item: WorkItem) -> None:
        """Delete `item` (caller holds the lock) and tell whoever keeps something of it."""
        self.store.remove(item.work_item_id)
        for listener in self._removal_listeners:
            listener(item)

    def add_stub(self, who: Principal, **fields: Any) -> WorkItem:
        """A new item in the profile's stub status (upload-file without a work item)."""
        now = self.clock.now()
        item = WorkItem(
            work_item_id=self.ids.uuid("work_item"),
            tenant_id=who.tenant_id,
            status=self.profile.stub_status,
            agent_id=None,
            created_by=who.user_id,
            user_id=self.profile.owner_user_id or who.user_id,
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
