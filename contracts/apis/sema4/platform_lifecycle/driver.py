"""Bringing a fresh work item to a platform status: by the control plane, or by waiting."""

from __future__ import annotations

import time
from typing import Any

from contracts.apis.sema4.platform_table import STATUSES, agent_closure
from contracts.control import ControlPlane
from contracts.http import DEFAULT_KEY, Exchange
from contracts.lifecycle.api import PDF, WorkItemsApi, pdf
from contracts.lifecycle.driver import POLL_INTERVAL, Driver, Unreachable

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


class PlatformEmulatorDriver(PlatformDriver):
    """Every platform status on demand: a scenario, then emulated time moves on."""

    def __init__(self, api: WorkItemsApi, control: ControlPlane) -> None:
        super().__init__(api)
        self.control = control

    def _reach(self, status: str, body: dict[str, Any]) -> str:
        scenario, seconds = RECIPES[status]
        item_id = self._id(self.api.create(body, scenario=scenario))
        if seconds:
            self.control.advance(seconds)
        if status == "CANCELLED":
            self._act(item_id, "cancel")
        return item_id


class PlatformPollingDriver(PlatformDriver):
    """A real platform: statuses only its agent sets are waited for, once each."""

    stable = frozenset(STATUSES) - {"PENDING", "EXECUTING"}

    def __init__(self, api: WorkItemsApi, timeout: float) -> None:
        super().__init__(api)
        self.timeout = timeout
        self.given_up: dict[str, str] = {}

    def _reach(self, status: str, body: dict[str, Any]) -> str:
        if status in BY_CLIENT:
            return super()._reach(status, body)
        if status in self.given_up:
            raise Unreachable(self.given_up[status])
        item_id = self._id(self.api.create(body))
        reason = self._wait_for(item_id, status)
        if reason:
            self.given_up[status] = reason  # one attempt per status: each costs an agent run
            raise Unreachable(reason)
        return item_id

    def _wait_for(self, item_id: str, status: str) -> str:
        """Why the item will not be in `status` (gone past it, or too slow); "" once it is."""
        deadline = time.monotonic() + self.timeout
        seen = "PENDING"
        while time.monotonic() < deadline:
            seen = str(self.api.get(item_id).item.get("status"))
            if seen == status:
                return ""
            if status not in agent_closure(seen):
                return f"the agent took work item {item_id} to {seen}, never to {status}"
            time.sleep(POLL_INTERVAL)
        return f"work item {item_id} did not reach {status} within {self.timeout:g} s ({seen})"

    def _checked(self, item_id: str, status: str) -> dict[str, Any]:
        item = self.api.get(item_id, results=True).item
        if item.get("status") != status and status in self.stable:
            raise Unreachable(f"work item {item_id} left {status} before it could be used")
        return item
