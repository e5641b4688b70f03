"""Deleting work items, one or a batch (the v2 surface the official client has)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mock_server.apis.sema4.domain.model import Principal
from mock_server.apis.sema4.domain.service import WorkItemService
from mock_server.core.errors import DomainError


@dataclass(frozen=True)
class Deleted:
    work_item_id: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class BatchDeleted:
    deleted: int
    failures: int


def delete(items: WorkItemService, who: Principal, work_item_id: str) -> Deleted:
    """Delete one item in any status; whatever keeps something of it is told to drop it.

    INFERRED (sema4-platform-behaviour.md knows no delete; other-seed-systems.md §1.8): a
    running item may be deleted too, its run stops, and the answer warns about it.
    """
    with items.lock:
        item = items.get(who.tenant_id, work_item_id)
        warnings: tuple[str, ...] = ()
        if item.status == items.profile.running_status:
            warnings = (f"The work item was {item.status}; its agent run was stopped.",)
        items.remove(item)
        return Deleted(item.work_item_id, warnings)


def delete_many(
    items: WorkItemService, who: Principal, work_item_ids: Iterable[str]
) -> BatchDeleted:
    """Delete each id that names an item; the others (unknown, malformed, repeated) count as
    failures, and the batch as a whole never fails (INFERRED, other-seed-systems.md §1.8)."""
    deleted = failures = 0
    with items.lock:
        for work_item_id in work_item_ids:
            try:
                delete(items, who, work_item_id)
            except DomainError:
                failures += 1
            else:
                deleted += 1
    return BatchDeleted(deleted, failures)
