"""Simulated decisioning: plays each new work item's scenario on the shared scheduler.

INFERRED: how Threada's decisioning paces itself is not documented; a scenario's steps run
`after` seconds apart on the emulator clock. A person's decision, or an execution, wins over
any step still planned: the step finds the item moved on and is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from mock_server.apis.threada.domain.lifecycle import AI_ACTIONS, NEW
from mock_server.apis.threada.domain.model import WorkItem
from mock_server.apis.threada.domain.scenarios import ScenarioBook
from mock_server.apis.threada.domain.work_items import Moved, WorkItemService
from mock_server.core.clock import isoformat_z
from mock_server.core.scheduler import Scheduler


@dataclass(frozen=True)
class PlannedDecision:
    """The next step of an item's scenario, as data so a snapshot can re-create it."""

    work_item_id: str
    scenario: str
    index: int
    expected_status: str  # where the previous step left the item
    due: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "work_item_id": self.work_item_id,
            "scenario": self.scenario,
            "index": self.index,
            "expected_status": self.expected_status,
            "due": isoformat_z(self.due),
        }

    @classmethod
    def of(cls, document: dict[str, Any]) -> PlannedDecision:
        return cls(
            document["work_item_id"],
            document["scenario"],
            int(document["index"]),
            document["expected_status"],
            datetime.fromisoformat(document["due"]),
        )


class DecisionEngine:
    """Plans a new item's first step, each fired step the next one; one plan per item."""

    def __init__(
        self, items: WorkItemService, scheduler: Scheduler, scenarios: ScenarioBook
    ) -> None:
        self.items, self.scheduler, self.scenarios = items, scheduler, scenarios
        self.planned: dict[str, PlannedDecision] = {}  # guarded by the service lock
        items.subscribe(self._on_moved)

    def _on_moved(self, moved: Moved) -> None:
        item = moved.item
        if moved.receipt is None:
            self._plan_step(item.work_item_id, item.scenario, 0, NEW)
        elif moved.receipt.decision not in AI_ACTIONS:
            # A person or an execution moved the item: decisioning is over for it.
            self.planned.pop(item.work_item_id, None)

    def _plan_step(self, item_id: str, scenario_name: str, index: int, expected: str) -> None:
        scenario = self.scenarios.get(scenario_name)
        if scenario is None or index >= len(scenario.steps):
            self.planned.pop(item_id, None)
            return
        due = self.items.clock.now() + timedelta(seconds=scenario.steps[index].after)
        self.plan(PlannedDecision(item_id, scenario_name, index, expected, due))

    def switch(self, work_item_id: str, scenario: str) -> WorkItem:
        """Play another scenario on an item decisioning has not acted on, from its first
        step, timed from now."""
        with self.items.lock:
            item = self.items.switch_scenario(work_item_id, scenario)
            self._plan_step(item.work_item_id, item.scenario, 0, NEW)
        return item

    def plan(self, planned: PlannedDecision) -> None:
        """Put a step on the timetable; a later plan for the same item supersedes it."""
        self.planned[planned.work_item_id] = planned
        self.scheduler.at(
            planned.due,
            f"threada decisioning: {planned.work_item_id} step {planned.index + 1}",
            lambda: self._fire(planned),
        )

    def _fire(self, planned: PlannedDecision) -> None:
        with self.items.lock:
            if self.planned.get(planned.work_item_id) is not planned:
                return  # superseded, stopped by a person, or the emulator was reset
            del self.planned[planned.work_item_id]
            scenario = self.scenarios.get(planned.scenario)
            if scenario is None or planned.index >= len(scenario.steps):
                return
            step = scenario.steps[planned.index]
            moved = self.items.decision_step(planned.work_item_id, step, planned.expected_status)
            if moved is not None:
                self._plan_step(
                    moved.work_item_id, planned.scenario, planned.index + 1, step.status
                )

    # -- state -------------------------------------------------------------------------------

    def export(self) -> list[dict[str, Any]]:
        return [plan.to_json() for plan in self.planned.values()]

    def restore(self, plans: Iterable[PlannedDecision]) -> None:
        self.planned.clear()
        for plan in plans:
            self.plan(plan)

    def clear(self) -> None:
        self.planned.clear()
