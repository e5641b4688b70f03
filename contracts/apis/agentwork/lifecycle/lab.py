"""What the checks work with: the API, a way to let the agent move, and the test cases."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from contracts.apis.agentwork.lifecycle.client import AgentworkApi
from contracts.apis.agentwork.lifecycle.control import AgentworkControl
from contracts.apis.agentwork.lifecycle.expect import AgentworkExpect, Skip
from contracts.apis.agentwork.lifecycle.table import PROCESSING
from contracts.context import RunContext
from contracts.lifecycle.expect import run_to_end
from contracts.results import SuiteResult

POLL_INTERVAL = 2.0  # at most, between polls of a real deployment (the guide says 5-10)
NO_SPEC_PHASE = "the deployment has no spec phase (the api-reference profile)"
MAX_STEPS = 8  # emulated seconds the agent gets to make its next move


@dataclass
class Lab:
    ctx: RunContext
    api: AgentworkApi
    control: AgentworkControl | None
    result: SuiteResult
    spec_phase: bool | None = None  # whether tasks can await spec approval; None: unknown

    @property
    def poll_interval(self) -> float:
        """A twentieth of the poll timeout, at most POLL_INTERVAL: a short timeout means a
        quick agent."""
        return min(POLL_INTERVAL, self.ctx.target.poll_timeout / 20)

    def run_case(self, name: str, body: Callable[[AgentworkExpect], None]) -> None:
        """Run one test case to its end: skipped, stopped early, or through."""
        run_to_end(AgentworkExpect(self.result.outcome(name)), body, "the check")

    def skip_case(self, name: str, reason: str) -> None:
        outcome = self.result.outcome(name)
        if not outcome.violations:
            outcome.skipped = reason

    def new_task(self, expect: AgentworkExpect, title: str, scenario: str | None = None) -> str:
        """A fresh task; a used-up daily credit quota is waited out on the emulator's clock."""
        description = f"Created by workitems-mock verify (run {self.ctx.target.run_id})."
        exchange = self.api.create(title, description, scenario=scenario)
        if exchange.status == 429 and self.control is not None:
            self.control.next_day()
            exchange = self.api.create(title, description, scenario=scenario)
        if exchange.status == 429:
            raise Skip(f"the daily credit quota is used up: {exchange.summary()}")
        expect.require(expect.status(exchange, 201))
        task_id = exchange.item.get("task_id")
        expect.require(
            expect.true(
                isinstance(task_id, str) and bool(task_id),
                exchange,
                "a task_id in the answer",
                exchange.summary(),
            )
        )
        expect.equal(exchange, "status", exchange.item.get("status"), PROCESSING)
        return str(task_id)

    def status_of(self, task_id: str) -> str:
        return str(self.api.get(task_id).item.get("status"))

    def wait_while(self, task_id: str, status: str = PROCESSING) -> str:
        """The status the agent moves the task to from `status`; `status` if it never does.

        The emulator's clock is moved on a second at a time; a real deployment is polled
        until its poll timeout."""
        if self.control is not None:
            for _ in range(MAX_STEPS):
                self.control.step()
                seen = self.status_of(task_id)
                if seen != status:
                    return seen
            return status
        deadline = time.monotonic() + self.ctx.target.poll_timeout
        seen = self.status_of(task_id)
        while seen == status and time.monotonic() < deadline:
            time.sleep(max(0.0, min(self.poll_interval, deadline - time.monotonic())))
            seen = self.status_of(task_id)
        return seen

    def too_slow(self, task_id: str, status: str) -> str:
        if self.control is not None:
            return f"the emulator's agent left task {task_id} {status} for {MAX_STEPS} s"
        return (
            f"task {task_id} stayed {status} for the poll timeout "
            f"({self.ctx.target.poll_timeout:g} s); let the agent work longer with "
            "--poll-timeout"
        )
