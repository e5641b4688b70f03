"""Every status a work item has passed through, with when and why, for the inspector."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from mock_server.apis.sema4.domain.model import WorkItem
from mock_server.apis.sema4.domain.service import StatusChange, WorkItemService
from mock_server.core.atomic import UndoableDict

MAX_PER_ITEM = 100


class Transition(NamedTuple):
    at: datetime
    previous: str | None
    status: str
    action: str  # create, finalize, continue, agent_start, ...


class StatusHistory:
    """Records transitions as they are published (under the service lock, so in order).

    The first entry of every item (its creation) is derived from the item, not stored: most
    items of a large store never change status, and a list per item would cost them memory.
    """

    def __init__(self, items: WorkItemService) -> None:
        self._by_item: dict[str, list[Transition]] = UndoableDict()  # undone with a failed unit
        self._queued = items.profile.queued_status
        items.subscribe(self._record)
        items.on_removed(lambda item: self._by_item.pop(item.work_item_id, None))

    def _record(self, change: StatusChange) -> None:
        if change.previous is None or change.previous == change.item.status:
            return
        item = change.item
        entry = Transition(item.status_updated_at, change.previous, item.status, change.action)
        # A new list, not an append: the old one is what a failed unit puts back.
        entries = [*self._by_item.get(item.work_item_id, ()), entry]
        self._by_item[item.work_item_id] = entries[-MAX_PER_ITEM:]

    def of(self, item: WorkItem) -> list[Transition]:
        later = self._by_item.get(item.work_item_id, [])
        first = later[0].previous if later else item.status
        action = "create" if first == self._queued else "upload"
        return [Transition(item.created_at, None, first or item.status, action), *later]

    def recorded(self, work_item_id: str) -> list[Transition]:
        """The stored transitions, after the derived creation entry: what a snapshot keeps."""
        return list(self._by_item.get(work_item_id, ()))

    def restore(self, work_item_id: str, transitions: Iterable[Transition]) -> None:
        entries = list(transitions)[-MAX_PER_ITEM:]
        if entries:
            self._by_item[work_item_id] = entries
        else:
            self._by_item.pop(work_item_id, None)

    def clear(self) -> None:
        self._by_item.clear()
