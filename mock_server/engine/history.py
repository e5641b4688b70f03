"""Every status a work item has passed through, with when and why, for the inspector."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from mock_server.workitems.service import StatusChange, WorkItemService

MAX_PER_ITEM = 100


class Transition(NamedTuple):
    at: datetime
    previous: str | None
    status: str
    action: str  # create, finalize, continue, agent_start, ...


class StatusHistory:
    """Records transitions as they are published (under the service lock, so in order)."""

    def __init__(self, items: WorkItemService) -> None:
        self._by_item: dict[str, list[Transition]] = {}
        items.subscribe(self._record)

    def _record(self, change: StatusChange) -> None:
        if change.previous == change.item.status:
            return
        entries = self._by_item.setdefault(change.item.work_item_id, [])
        entries.append(
            Transition(
                change.item.status_updated_at, change.previous, change.item.status, change.action
            )
        )
        if len(entries) > MAX_PER_ITEM:
            del entries[0]

    def of(self, work_item_id: str) -> list[Transition]:
        return list(self._by_item.get(work_item_id, ()))

    def clear(self) -> None:
        self._by_item.clear()
