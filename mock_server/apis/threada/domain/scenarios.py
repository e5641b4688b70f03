"""Decisioning scenarios as data: what the simulated AI does with a new work item, step by step.

INFERRED: Threada's decisioning is not documented beyond "answer, refuse, route to review or
request approval"; a scenario is one path through those moves, each with its evidence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mock_server.apis.threada.domain.errors import UnknownScenario
from mock_server.apis.threada.domain.lifecycle import AI_ACTIONS, NEW, WORK_ITEM, ai_action_to
from mock_server.apis.threada.domain.model import Citation, Evidence, ProposedAction


class ScenarioError(ValueError):
    """A scenario breaks the lifecycle; the message names the scenario and the step."""


@dataclass(frozen=True)
class DecisionStep:
    after: float  # seconds after the previous step (or after the item was created)
    status: str
    evidence: Evidence
    propose: ProposedAction | None = None  # for awaiting_approval: the action to approve


@dataclass(frozen=True)
class Scenario:
    name: str
    steps: tuple[DecisionStep, ...]
    description: str = ""


def check_scenario(scenario: Scenario, actions: Mapping[str, object] | None = None) -> None:
    """Every step must be a decisioning move from where the previous one left the item, with
    evidence; a request for approval names a known action."""
    status = NEW
    for number, step in enumerate(scenario.steps, start=1):
        where = f"scenario {scenario.name!r}, step {number}"
        action = ai_action_to(step.status)
        if action is None:
            reachable = ", ".join(WORK_ITEM.rule(a).target for a in AI_ACTIONS)
            raise ScenarioError(
                f"{where}: decisioning cannot set status {step.status!r}; it can set {reachable}"
            )
        if not WORK_ITEM.allows(action, status):
            raise ScenarioError(f"{where}: decisioning cannot go from {status} to {step.status}")
        if step.after < 0:
            raise ScenarioError(f"{where}: 'after' must not be negative")
        if not step.evidence.given:
            raise ScenarioError(f"{where}: give citations or a fallback_reason")
        if (step.propose is None) != (step.status != "awaiting_approval"):
            raise ScenarioError(f"{where}: 'propose' goes with awaiting_approval, and only there")
        if step.propose and actions is not None and step.propose.action_id not in actions:
            raise ScenarioError(f"{where}: unknown action {step.propose.action_id!r}")
        status = step.status


def scenario_from_json(name: str, document: Mapping[str, Any]) -> Scenario:
    """A scenario from its validated JSON form (fixtures, control plane, state)."""
    steps = []
    for entry in document.get("steps", ()):
        citations = tuple(
            Citation(c["source"], c.get("excerpt")) for c in entry.get("citations") or ()
        )
        propose = entry.get("propose")
        steps.append(
            DecisionStep(
                after=float(entry.get("after", 0)),
                status=entry["status"],
                evidence=Evidence(citations, entry.get("fallback_reason")),
                propose=ProposedAction(propose["action_id"], propose.get("integration_id"))
                if propose
                else None,
            )
        )
    return Scenario(name, tuple(steps), document.get("description", ""))


def scenario_to_json(scenario: Scenario) -> dict[str, Any]:
    steps: list[dict[str, Any]] = []
    for step in scenario.steps:
        entry: dict[str, Any] = {"after": step.after, "status": step.status}
        if step.evidence.citations:
            entry["citations"] = [_citation(c) for c in step.evidence.citations]
        if step.evidence.fallback_reason is not None:
            entry["fallback_reason"] = step.evidence.fallback_reason
        if step.propose is not None:
            entry["propose"] = {
                "action_id": step.propose.action_id,
                "integration_id": step.propose.integration_id,
            }
        steps.append(entry)
    return {"name": scenario.name, "description": scenario.description, "steps": steps}


def _citation(citation: Citation) -> dict[str, Any]:
    found: dict[str, Any] = {"source": citation.source}
    if citation.excerpt is not None:
        found["excerpt"] = citation.excerpt
    return found


class ScenarioBook:
    """The scenarios decisioning can play, by name; `put` checks a scenario before keeping it."""

    def __init__(self, scenarios: Mapping[str, Scenario], actions: Mapping[str, object]) -> None:
        self._actions = actions
        self._initial = dict(scenarios)
        self._scenarios = dict(scenarios)

    def known(self, name: str, field: str = "Prefer") -> Scenario:
        """The scenario called `name`, or UnknownScenario (about `field`) listing the others."""
        found = self._scenarios.get(name)
        if found is None:
            known = ", ".join(sorted(self._scenarios))
            raise UnknownScenario(
                f"Unknown scenario {name!r}; known scenarios: {known}.",
                field=field,
                issue=f"scenario must be one of {known}",
            )
        return found

    def get(self, name: str) -> Scenario | None:
        return self._scenarios.get(name)

    def put(self, scenario: Scenario) -> None:
        """Raises ScenarioError (naming the step) unless decisioning can play it."""
        check_scenario(scenario, self._actions)
        self._scenarios[scenario.name] = scenario

    def all(self) -> list[Scenario]:
        return [self._scenarios[name] for name in sorted(self._scenarios)]

    def reset(self) -> None:
        self._scenarios = dict(self._initial)

    def replace_all(self, scenarios: Mapping[str, Scenario]) -> None:
        self._scenarios = dict(scenarios)
