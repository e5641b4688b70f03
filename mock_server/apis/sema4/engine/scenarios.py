"""Scenarios: what the simulated agent does to a work item, step by step and run by run."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mock_server.apis.sema4.domain.profile import Profile

MAX_STEP_SECONDS = 10 * 365 * 86400  # ten years, as far as one clock advance goes


class ScenarioError(ValueError):
    """A scenario breaks the lifecycle; the message names the scenario, run and step."""


@dataclass(frozen=True)
class Step:
    after: float  # seconds after the previous step (or after the item was queued)
    status: str
    reply: str | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    runs: tuple[tuple[Step, ...], ...]  # run N uses runs[N-1]; the last one repeats
    description: str = ""

    def steps_for(self, run: int) -> tuple[Step, ...]:
        return self.runs[min(max(run, 1), len(self.runs)) - 1]


def scenario_to_json(scenario: Scenario) -> dict[str, Any]:
    """The scenario in the shape scenarios.yaml, the control plane and snapshots use."""
    runs = [
        {"steps": [{"after": s.after, "status": s.status, "reply": s.reply} for s in run]}
        for run in scenario.runs
    ]
    return {"name": scenario.name, "description": scenario.description, "runs": runs}


def check_scenario(scenario: Scenario, profile: Profile) -> None:
    """Every run must be a path the agent may take through the profile's transition table."""
    for run_number, steps in enumerate(scenario.runs, start=1):
        status = profile.queued_status
        for step_number, step in enumerate(steps, start=1):
            where = f"scenario {scenario.name!r}, run {run_number}, step {step_number}"
            action = profile.agent_action_to(step.status)
            if action is None:
                reachable = [profile.table.rule(a).target for a in profile.agent_actions]
                raise ScenarioError(
                    f"{where}: the agent cannot set status {step.status!r}; "
                    f"it can set {', '.join(reachable)}"
                )
            if not profile.table.allows(action, status):
                raise ScenarioError(f"{where}: the agent cannot go from {status} to {step.status}")
            if not 0 <= step.after <= MAX_STEP_SECONDS:  # also refuses NaN
                raise ScenarioError(f"{where}: 'after' must be 0 to {MAX_STEP_SECONDS} seconds")
            status = step.status


PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)*)\}")


def render_reply(template: str, values: Mapping[str, Any]) -> str:
    """Fill `{name}` and `{payload.field}` placeholders; unknown ones stay as written."""

    def substitute(match: re.Match[str]) -> str:
        value: Any = values
        for part in match.group(1).split("."):
            if not isinstance(value, Mapping) or part not in value:
                return match.group(0)
            value = value[part]
        # Text as it is; anything else as JSON (`true`, `null`, `[1, 2]`), as the client sent it.
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)

    return PLACEHOLDER.sub(substitute, template)
