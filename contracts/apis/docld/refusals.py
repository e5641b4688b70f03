"""Workflows that break one of DocLD's validation rules: each refused with 400
`invalid_request_error` naming the field at fault, and none of them created."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from contracts.apis.docld.bench import Bench, integration_step, manual, transform

Workflow = dict[str, Any]
NOTHING_CREATED = "a refused workflow is not created"


@dataclass(frozen=True)
class Rule:
    name: str  # the outcome: "refused: <name>"
    breaks: Callable[[Workflow], None]  # makes a valid workflow break the rule
    param: tuple[str, ...]  # fragments the error's `param` must name

    @property
    def outcome(self) -> str:
        return f"refused: {self.name}"


def _steps(*steps: dict[str, Any]) -> Callable[[Workflow], None]:
    def change(workflow: Workflow) -> None:
        workflow["definition"] = {"steps": list(steps)}

    return change


def _scheduled(cron: str, timezone: str) -> Callable[[Workflow], None]:
    def change(workflow: Workflow) -> None:
        workflow["trigger_type"] = "scheduled"
        workflow["trigger_config"] = {"cron_expression": cron, "timezone": timezone}

    return change


def _trigger_type(workflow: Workflow) -> None:
    workflow["trigger_type"] = "telepathy"


def _platform_event(workflow: Workflow) -> None:
    workflow["trigger_type"] = "event"
    workflow["trigger_config"] = {"event": "document.teleported"}


RULES = [
    Rule("an unknown trigger type", _trigger_type, ("trigger_type",)),
    Rule("an event trigger naming no platform event", _platform_event, ("event",)),
    Rule("a cron expression of four fields", _scheduled("0 9 * *", "UTC"), ("cron_expression",)),
    Rule(
        "a time zone that is not IANA's",
        _scheduled("0 9 * * 1-5", "Mars/Olympus_Mons"),
        ("timezone",),
    ),
    Rule(
        "an unknown step type",
        _steps({"id": "warp", "type": "teleport", "config": {}}),
        ("steps", "type"),
    ),
    Rule("a step id used twice", _steps(transform("same"), transform("same")), ("steps", "id")),
    Rule(
        "an extract step without schema_id",
        _steps({"id": "extract", "type": "extract", "config": {}}),
        ("schema_id",),
    ),
    Rule(
        "an integration step naming no integration",
        _steps(integration_step("notify", "no-such-integration-0000")),
        ("integration_id",),
    ),
]


def refusals(bench: Bench) -> None:
    """Each rule broken once; then the list holds none of the refused workflows."""
    names: list[str] = []
    for rule in RULES:
        expect = bench.expect(rule.outcome)
        workflow = manual(bench.label("refused"), [transform("prepare")])
        rule.breaks(workflow)
        names.append(workflow["name"])
        answer = bench.api.create_workflow(workflow)
        expect.refused(answer, 400, "invalid_request_error", rule.param)
    expect = bench.expect(NOTHING_CREATED)
    listed = bench.api.call("GET", "/workflows", "GET /workflows")
    expect.require(expect.status(listed.exchange, 200))
    workflows = listed.item.get("workflows")
    found = {str(w.get("name")) for w in workflows or [] if isinstance(w, dict)}
    kept = sorted(found & set(names))
    expect.true(not kept, listed.exchange, "no refused workflow in the list", f"listed: {kept}")


OUTCOMES = (*(rule.outcome for rule in RULES), NOTHING_CREATED)
