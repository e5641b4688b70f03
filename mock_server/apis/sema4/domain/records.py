"""What goes into and comes out of the work-item service: requests, queries, published changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mock_server.apis.sema4.domain.model import Callback, JsonObject, WorkItem


@dataclass(frozen=True)
class StatusChange:
    """Published after a work item entered `item.status` through `action`."""

    item: WorkItem
    previous: str | None
    action: str


@dataclass(frozen=True)
class Acted:
    """A lifecycle action's outcome: the item as it is now, and the status it left."""

    item: WorkItem
    previous: str


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
