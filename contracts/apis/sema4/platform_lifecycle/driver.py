"""Bringing a fresh work item to a platform status: by the control plane, or by waiting."""

from __future__ import annotations

from typing import Any

from contracts.apis.sema4.platform_table import STATUSES
from contracts.apis.sema4.platform_table import agent_closure as platform_agent_closure
from contracts.http import DEFAULT_KEY, Exchange
from contracts.lifecycle.api import PDF, WorkItemsApi, pdf
from contracts.lifecycle.driver import Driver, EmulatorDriver, PollingDriver

# The emulator's platform scenarios (`Prefer: scenario=<name>`), and how long until there.
RECIPES: dict[str, tuple[str, float]] = {
    "PENDING": ("idle", 0),  # never claimed
    "EXECUTING": ("slow", 5),  # executing from +5 s to +35 s
    "NEEDS_REVIEW": ("needs_review", 3),
    "COMPLETED": ("complete", 3),
    "ERROR": ("fail", 3),
    "INDETERMINATE": ("indeterminate", 3),
    "CANCELLED": ("idle", 0),  # then cancelled
}
BY_CLIENT = ("PENDING", "CANCELLED", "COMPLETED")  # create, cancel, complete: no agent needed


class PlatformApi(WorkItemsApi):
    """The platform reads upload-file's `work_item_id` from the query string, never the form."""

    def upload(
        self, name: str, *, work_item_id: str | None = None, key: object = DEFAULT_KEY
    ) -> Exchange:
        return self.client.call(
            "POST",
            "/work-items/upload-file",
            operation="POST /work-items/upload-file",
            params={"work_item_id": work_item_id} if work_item_id else None,
            multipart={"file": (name, pdf(name), PDF)},
            key=key,
        )


class PlatformDriver(Driver):
    """DRAFT by upload-file; PENDING, CANCELLED and COMPLETED by client calls."""

    stable: frozenset[str] = frozenset(STATUSES)

    def item_in(self, status: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        if status == "DRAFT":
            return self._checked(self._id(self.api.upload("invoice.pdf")), status)
        return self._checked(self._reach(status, body or {}), status)


class PlatformEmulatorDriver(PlatformDriver, EmulatorDriver):
    """Every platform status on demand: a scenario, then emulated time moves on."""

    recipes = RECIPES


class PlatformPollingDriver(PlatformDriver, PollingDriver):
    """A real platform: statuses only its agent sets are waited for, once each (the waiting
    is PollingDriver's, judged by the platform's agent moves)."""

    stable = frozenset(STATUSES) - {"PENDING", "EXECUTING"}
    by_client = BY_CLIENT

    def agent_closure(self, status: str) -> frozenset[str]:
        return platform_agent_closure(status)
