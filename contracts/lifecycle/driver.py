"""Bringing a fresh work item to a given status: by the control plane, or by waiting."""

from __future__ import annotations

import time
from typing import Any

from contracts.control import ControlPlane
from contracts.lifecycle.api import WorkItemsApi
from contracts.lifecycle.table import STATUSES, agent_closure

# The emulator's simulated agent (`Prefer: scenario=<name>`), and how long until it gets there.
RECIPES: dict[str, tuple[str, float]] = {
    "PENDING": ("idle", 0),  # never picked up
    "EXECUTING": ("slow", 5),  # executing from +5 s to +35 s
    "PAUSED": ("needs_review", 3),
    "COMPLETED": ("complete", 3),
    "FAILED": ("fail", 3),
    "CANCELLED": ("idle", 0),  # then cancelled
}
POLL_INTERVAL = 0.5


class Unreachable(Exception):
    """No fresh work item could be brought to the status; `broken` when the target is at fault."""

    def __init__(self, reason: str, *, broken: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.broken = broken


class Driver:
    """Creates items in PRECREATED (upload), PENDING, CANCELLED and COMPLETED by client calls."""

    stable: frozenset[str] = frozenset(STATUSES)  # statuses nobody else moves an item out of

    def __init__(self, api: WorkItemsApi) -> None:
        self.api = api

    def item_in(self, status: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        """A new work item (created with `body`), now in `status`, as `GET ?results=true` shows."""
        if status == "PRECREATED":
            return self._checked(self._id(self.api.upload("invoice.pdf")), status)
        return self._checked(self._reach(status, body or {}), status)

    def _reach(self, status: str, body: dict[str, Any]) -> str:
        if status in ("PENDING", "CANCELLED", "COMPLETED"):
            item_id = self._id(self.api.create(body))
            if status != "PENDING":
                self._act(item_id, "cancel")
            if status == "COMPLETED":
                self._act(item_id, "complete")
            return item_id
        raise Unreachable(f"only an agent moves a work item to {status}")

    def _id(self, exchange: Any) -> str:
        item_id = exchange.item.get("work_item_id")
        if exchange.status != 200 or not isinstance(item_id, str):
            raise Unreachable(f"could not create a work item: {exchange.summary()}", broken=True)
        return item_id

    def _act(self, item_id: str, action: str) -> None:
        exchange = self.api.act(item_id, action)
        if exchange.status != 200:
            raise Unreachable(f"{action} failed on the way: {exchange.summary()}", broken=True)

    def _checked(self, item_id: str, status: str) -> dict[str, Any]:
        item = self.api.get(item_id, results=True).item
        if item.get("status") != status:
            raise Unreachable(
                f"work item {item_id} should be {status} by now but is {item.get('status')}",
                broken=True,
            )
        return item


class EmulatorDriver(Driver):
    """Every status on demand: the simulated agent's scenario, then emulated time moves on."""

    recipes: dict[str, tuple[str, float]] = RECIPES

    def __init__(self, api: WorkItemsApi, control: ControlPlane) -> None:
        super().__init__(api)
        self.control = control

    def _reach(self, status: str, body: dict[str, Any]) -> str:
        scenario, seconds = self.recipes[status]
        item_id = self._id(self.api.create(body, scenario=scenario))
        if seconds:
            self.control.advance(seconds)
        if status == "CANCELLED":
            self._act(item_id, "cancel")
        return item_id


class PollingDriver(Driver):
    """A real deployment: statuses only its agent sets are waited for, within a time limit."""

    stable = frozenset(STATUSES) - {"PENDING", "EXECUTING"}  # its agent moves those on
    by_client: tuple[str, ...] = ("PENDING", "CANCELLED", "COMPLETED")  # no agent needed

    def agent_closure(self, status: str) -> frozenset[str]:
        """`status` and what the deployment's agent may move an item on to from it."""
        return agent_closure(status)

    def __init__(self, api: WorkItemsApi, timeout: float) -> None:
        super().__init__(api)
        self.timeout = timeout
        self.given_up: dict[str, str] = {}

    def _reach(self, status: str, body: dict[str, Any]) -> str:
        if status in self.by_client:
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
            if status not in self.agent_closure(seen):
                return f"the agent took work item {item_id} to {seen}, never to {status}"
            time.sleep(POLL_INTERVAL)
        return f"work item {item_id} did not reach {status} within {self.timeout:g} s ({seen})"

    def _checked(self, item_id: str, status: str) -> dict[str, Any]:
        item = self.api.get(item_id, results=True).item
        if item.get("status") != status and status in self.stable:
            raise Unreachable(f"work item {item_id} left {status} before it could be used")
        return item
