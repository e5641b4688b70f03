"""What a Threada scenario works with: the API, extra keys, the clock, and its test cases."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from contracts.apis.threada.lifecycle.api import WORKFLOW, ThreadaApi
from contracts.apis.threada.lifecycle.client import MAIN_KEY, Reply
from contracts.apis.threada.lifecycle.keys import Keys
from contracts.context import RunContext
from contracts.control import ControlPlane
from contracts.lifecycle.expect import Expect, Skip, run_to_end
from contracts.results import SuiteResult

SUITE = "lifecycle"
POLL_INTERVAL = 0.5


@dataclass
class Lab:
    ctx: RunContext
    api: ThreadaApi
    control: ControlPlane | None
    keys: Keys
    result: SuiteResult

    def run_case(self, name: str, body: Callable[[Expect], None]) -> None:
        """Run one test case to its end: skipped, stopped early, or through."""
        run_to_end(Expect(self.result.outcome(name), SUITE), body)

    def scenario(self, name: str) -> str | None:
        """The emulator's simulated decisioning to ask for; a deployment decides for itself."""
        return name if self.control is not None else None

    def needs_control(self, what: str) -> None:
        if self.control is None:
            raise Skip(f"{what} needs the emulator's control plane (scenarios and its clock)")

    def until(
        self, read: Callable[[], Reply], done: Callable[[Reply], bool], seconds: float, what: str
    ) -> Reply:
        """The reply once `done`: after `seconds` of emulated time, or polled for up to the
        target's poll timeout (then the case is skipped: the deployment may just be slow)."""
        if self.control is not None:
            self.control.advance(seconds)
            return read()
        timeout = self.ctx.target.poll_timeout
        deadline = time.monotonic() + timeout
        reply = read()
        while not done(reply):
            if time.monotonic() >= deadline:
                raise Skip(f"{what} did not happen within {timeout:g} s (poll timeout)")
            time.sleep(POLL_INTERVAL)
            reply = read()
        return reply

    def created(self, expect: Expect, reply: Reply) -> str:
        """The new work item's id; stops the test case when the create failed."""
        expect.require(expect.status(reply, 201))
        item_id = reply.item.get("work_item_id")
        expect.require(
            expect.true(
                isinstance(item_id, str) and item_id.startswith("wi_"),
                reply,
                "a work_item_id starting wi_ in the answer",
                reply.summary(),
            )
        )
        return str(item_id)

    def new_item(
        self,
        expect: Expect,
        scenario: str = "idle",
        *,
        workflow_id: str = WORKFLOW,
        key: object = MAIN_KEY,
    ) -> str:
        """A fresh work item (on the emulator, under `scenario`: idle stays new)."""
        reply = self.api.create(workflow_id=workflow_id, scenario=self.scenario(scenario), key=key)
        return self.created(expect, reply)
