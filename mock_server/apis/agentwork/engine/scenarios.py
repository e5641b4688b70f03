"""Scenarios: the script the simulated agent plays on a task, step by step, as data."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mock_server.apis.agentwork.domain.lifecycle import (
    AGENT_GUIDE,
    AWAITING_REPLY,
    AWAITING_SPEC,
    COMPLETED,
    PROCESSING,
)
from mock_server.apis.agentwork.domain.model import QuestionContent
from mock_server.apis.agentwork.domain.moves import CLARIFYING, QUESTION_TYPES
from mock_server.apis.agentwork.domain.questions import QuestionError, check_question

# A step's `action` in scenario files, and the lifecycle action it is.
AGENT_ACTION = {
    "note": "agent_note",
    "ask": "agent_ask",
    "propose_spec": "agent_propose_spec",
    "propose_solution": "agent_propose_solution",
    "finish": "agent_finish",
}
PROPOSALS = ("propose_spec", "propose_solution")
WITH_FILES = ("propose_solution", "finish")


class ScenarioError(ValueError):
    """A scenario the agent cannot play; the message names the scenario and the step."""


@dataclass(frozen=True)
class FileTemplate:
    name: str
    content: str
    content_type: str = "text/plain"


@dataclass(frozen=True)
class Step:
    after: float  # seconds after the previous move (the agent's or the customer's)
    action: str  # a key of AGENT_ACTION
    content: QuestionContent
    question_type: str = CLARIFYING
    revision: str | None = None  # what a revised proposal says, after a rejection
    revise_after: float | None = None  # seconds to revise; None: `after`
    files: tuple[FileTemplate, ...] = ()

    @property
    def lifecycle_action(self) -> str:
        return AGENT_ACTION[self.action]


@dataclass(frozen=True)
class Scenario:
    name: str
    steps: tuple[Step, ...]
    description: str = ""


def check_scenario(scenario: Scenario) -> None:
    """Every step must be a move the agent can make when it comes: from `processing`, which
    a reply or a confirmed spec returns to; a solution or a final message ends the script."""
    status = PROCESSING
    for number, step in enumerate(scenario.steps, start=1):
        where = f"scenario {scenario.name!r}, step {number}"
        if step.action not in AGENT_ACTION:
            raise ScenarioError(
                f"{where}: unknown action {step.action!r}; known: {', '.join(AGENT_ACTION)}"
            )
        if status != PROCESSING:
            raise ScenarioError(f"{where}: never played, the task is {status} by then")
        _check_step(step, where)
        status = AGENT_GUIDE.target(step.lifecycle_action, status)
        if status in (AWAITING_REPLY, AWAITING_SPEC):
            status = PROCESSING  # the customer answers, and the agent carries on
        elif status != PROCESSING:
            status = COMPLETED  # a confirmed solution or a final message ends it


def _check_step(step: Step, where: str) -> None:
    if step.after < 0 or (step.revise_after is not None and step.revise_after < 0):
        raise ScenarioError(f"{where}: delays must not be negative")
    if step.action == "ask":
        if step.question_type not in QUESTION_TYPES:
            raise ScenarioError(f"{where}: question_type must be one of {QUESTION_TYPES}")
        try:
            check_question(step.content)
        except QuestionError as error:
            raise ScenarioError(f"{where}: {error}") from None
    elif not isinstance(step.content, str):
        raise ScenarioError(f"{where}: only a question may be structured; content must be text")
    if step.revision is not None and step.action not in PROPOSALS:
        raise ScenarioError(f"{where}: only a proposal has a revision")
    if step.files and step.action not in WITH_FILES:
        raise ScenarioError(f"{where}: only a solution or a final message has files")


PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def render(template: Any, values: Mapping[str, object]) -> Any:
    """Fill `{name}` placeholders in text, and in every text of a structured question."""
    if isinstance(template, str):
        return PLACEHOLDER.sub(
            lambda match: str(values.get(match.group(1), match.group(0))), template
        )
    if isinstance(template, Mapping):
        return {key: render(value, values) for key, value in template.items()}
    if isinstance(template, list | tuple):
        return [render(value, values) for value in template]
    return template


def scenario_to_json(scenario: Scenario) -> dict[str, Any]:
    """The scenario as scenarios.yaml, the control plane and snapshots write it."""
    return {
        "description": scenario.description,
        "steps": [
            {
                "after": step.after,
                "action": step.action,
                "content": step.content,
                "question_type": step.question_type,
                "revision": step.revision,
                "revise_after": step.revise_after,
                "files": [
                    {"name": f.name, "content": f.content, "content_type": f.content_type}
                    for f in step.files
                ],
            }
            for step in scenario.steps
        ],
    }
