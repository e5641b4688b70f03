"""What a scenario works with: the API, a way to reach any status, and its test cases."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from contracts.context import RunContext
from contracts.control import ControlPlane
from contracts.http import Exchange
from contracts.lifecycle.api import WorkItemsApi
from contracts.lifecycle.driver import POLL_INTERVAL, Driver, Unreachable
from contracts.lifecycle.expect import Expect, Skip, Stop, record_unreachable, run_to_end
from contracts.lifecycle.table import STATUSES, agent_closure
from contracts.results import SuiteResult


@dataclass
class Lab:
    ctx: RunContext
    api: WorkItemsApi
    driver: Driver
    control: ControlPlane | None
    result: SuiteResult

    def check(self, name: str) -> Expect:
        """The test case called `name` (one per scenario, or one per status in the matrix)."""
        return Expect(self.result.outcome(name))

    def run_case(self, name: str, body: Callable[[Expect], None]) -> None:
        """Run one test case to its end: skipped, stopped early, or through."""
        run_to_end(self.check(name), body)

    def item_in(
        self, status: str, expect: Expect, body: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """A fresh item in `status`; skips the test case when the target cannot get there."""
        try:
            return self.driver.item_in(status, body)
        except Unreachable as unreachable:
            if unreachable.broken:
                record_unreachable(expect, status, unreachable.reason)
                raise Stop from None
            raise Skip(unreachable.reason) from None

    def created(self, expect: Expect, exchange: Exchange) -> str:
        """The new work item's id; stops the test case when the create failed."""
        expect.require(expect.status(exchange, 200))
        item_id = exchange.item.get("work_item_id")
        expect.require(
            expect.true(
                isinstance(item_id, str) and bool(item_id),
                exchange,
                "a work_item_id in the answer",
                exchange.summary(),
            )
        )
        return str(item_id)

    def possible(self, status: str) -> frozenset[str]:
        """Where an item seen in `status` may be by now: there, or further along by its agent."""
        return frozenset({status}) if status in self.driver.stable else agent_closure(status)

    def advance(self, seconds: float) -> None:
        """Let emulated time pass (the control plane), so the simulated agent moves on."""
        if self.control is None:
            raise Skip("needs the emulator's control plane to let time pass")
        self.control.advance(seconds)

    def needs_agent(self) -> str:
        if not self.api.agent_id:
            raise Skip("no agent to assign work items to: pass --agent-id")
        return self.api.agent_id

    def status_of(self, item_id: str) -> str:
        return str(self.api.get(item_id).item.get("status"))

    def wait_until_settled(self, item_id: str, settled: Callable[[str], bool]) -> str:
        """Poll (real deployments) until `settled(status)`; the control plane needs none."""
        deadline = time.monotonic() + self.ctx.target.poll_timeout
        status = self.status_of(item_id)
        while not settled(status) and time.monotonic() < deadline:
            time.sleep(POLL_INTERVAL)
            status = self.status_of(item_id)
        return status


def known_status(expect: Expect, exchange: Exchange) -> bool:
    """The item's status is one of the documented ones."""
    status = exchange.item.get("status")
    return expect.true(
        status in STATUSES, exchange, f"status one of {', '.join(STATUSES)}", f"status {status!r}"
    )
