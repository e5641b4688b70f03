"""What every DocLD case works with: the API, the clock when there is one, and the workflows
the cases run (manual ones, of steps that need no document)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import requests

from contracts.apis.docld.api import DocldApi
from contracts.apis.docld.judge import DocldExpect
from contracts.context import RunContext
from contracts.control import ControlPlane
from contracts.lifecycle.expect import Skip, Stop
from contracts.results import SuiteResult, Violation

TERMINAL = ("completed", "failed")
SETTLE_SECONDS = 120.0  # emulated time a short manual workflow gets to end
POLL_INTERVAL = 0.5
# Never a URL anything answers: the integration is deleted before a step could use it.
UNUSED_URL = "https://example.com/workitems-mock-verify"


@dataclass
class Bench:
    ctx: RunContext
    api: DocldApi
    control: ControlPlane | None
    result: SuiteResult
    cases: int = 0

    def expect(self, name: str) -> DocldExpect:
        return DocldExpect(self.result.outcome(name), suite=self.result.suite)

    def label(self, what: str) -> str:
        """A name for something the run creates, which says who made it."""
        self.cases += 1
        return f"verify {self.ctx.target.run_id}-{self.cases} {what}"

    def settle(self, workflow_id: str, execution_id: str) -> dict[str, Any]:
        """The execution once it ended, or as it last was: emulated time moved on when the
        target has a clock, else polled for up to the target's poll timeout."""
        if self.control is not None:
            self.control.advance(SETTLE_SECONDS)
            return self.execution(workflow_id, execution_id)
        deadline = time.monotonic() + self.ctx.target.poll_timeout
        while True:
            execution = self.execution(workflow_id, execution_id)
            if execution.get("status") in TERMINAL or time.monotonic() >= deadline:
                return execution
            time.sleep(POLL_INTERVAL)

    @property
    def waited(self) -> str:
        if self.control is not None:
            return f"{SETTLE_SECONDS:g} s of emulated time"
        return f"{self.ctx.target.poll_timeout:g} s (--poll-timeout)"

    def execution(self, workflow_id: str, execution_id: str) -> dict[str, Any]:
        listed = self.api.executions(workflow_id, execution_id).item.get("executions")
        found = [e for e in listed or [] if isinstance(e, dict) and e.get("id") == execution_id]
        return found[0] if found else {}

    def failing_workflow(self, expect: DocldExpect) -> str:
        """A workflow whose integration step names an integration deleted after the workflow
        was made, so a run of it fails at that step (after a transform that completes)."""
        integration = expect.created(
            self.api.create_integration(
                {
                    "name": self.label("integration"),
                    "integration_type": "webhook",
                    "config": {"url": UNUSED_URL},
                }
            ),
            "integration",
        )
        steps = [transform("prepare"), integration_step("notify", integration["id"])]
        workflow = expect.created(
            self.api.create_workflow(manual(self.label("failing"), steps)), "workflow"
        )
        deleted = self.api.delete_integration(integration["id"])
        expect.require(expect.status(deleted.exchange, 200, 204))
        return str(workflow["id"])


B = TypeVar("B", bound=Bench)


def run_case(bench: B, case: Callable[[B], None], names: tuple[str, ...]) -> None:
    """Run one case; a Skip marks its outcomes (those without violations) skipped."""
    try:
        case(bench)
    except Stop:
        pass  # the violation that stopped it is recorded
    except requests.RequestException as error:
        outcome = bench.result.outcome(names[0])
        outcome.violations.append(
            Violation(bench.result.suite, "-", names[0], "an answer", f"no answer: {error}")
        )
    except Skip as skip:
        for name in names:
            outcome = bench.result.outcome(name)
            if not outcome.violations:
                outcome.skipped = str(skip)


def manual(name: str, steps: list[dict[str, Any]], enabled: bool = True) -> dict[str, Any]:
    return {
        "name": name,
        "description": "made by workitems-mock verify; deleted when the run ends",
        "definition": {"steps": steps},
        "trigger_type": "manual",
        "enabled": enabled,
    }


def transform(step_id: str) -> dict[str, Any]:
    return {"id": step_id, "type": "transform", "config": {"expression": "{{route}}"}}


def condition(step_id: str, field: str, value: str) -> dict[str, Any]:
    config = {"field": field, "operator": "eq", "value": value}
    return {"id": step_id, "type": "condition", "config": config}


def integration_step(step_id: str, integration_id: str) -> dict[str, Any]:
    config = {"integration_id": integration_id, "template": "verify {{route}}"}
    return {"id": step_id, "type": "integration", "config": config}
