"""The simulated agent: runs queued work items through their scenario on the scheduler."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from mock_server.apis.sema4.domain.model import WorkItem
from mock_server.apis.sema4.domain.service import StatusChange, WorkItemService
from mock_server.apis.sema4.engine.scenarios import Scenario, Step, render_reply
from mock_server.core.atomic import UndoableDict, on_commit
from mock_server.core.errors import BadRequest, DomainError, NotFound, ValidationFailed
from mock_server.core.scheduler import Scheduler, Task


@dataclass(frozen=True)
class PlannedStep:
    """The next step of a run, kept as data so a snapshot can re-create the timetable."""

    work_item_id: str
    run: int
    index: int
    due: datetime


class AgentSimulator:
    """Picks up every queued work item and plays its scenario's steps for the current run.

    Each step is checked against the transition table when it fires: if a person cancelled
    or completed the item meanwhile, or a newer run superseded this one, the step is dropped,
    so an automatic step never overwrites a human action.
    """

    def __init__(
        self, items: WorkItemService, scheduler: Scheduler, scenarios: Mapping[str, Scenario]
    ) -> None:
        self.items = items
        self.scheduler = scheduler
        self.scenarios = dict(scenarios)
        # Guarded by the work-item service lock; undone with the unit a failed write was in.
        self.planned: dict[str, PlannedStep] = UndoableDict()
        self._tasks: dict[str, Task] = UndoableDict()  # each plan's timetable entry
        items.subscribe(self._on_status_change)
        items.on_removed(lambda item: self.planned.pop(item.work_item_id, None))

    def known(
        self, name: str, *, field: str = "Prefer", error: type[DomainError] = BadRequest
    ) -> Scenario:
        """The scenario called `name`, or `error` naming `field` and listing the known ones
        (400 for the `Prefer` header of an API call, 422 for a control-plane body)."""
        scenario = self.scenarios.get(name)
        if scenario is None:
            known = ", ".join(sorted(self.scenarios))
            raise error(
                f"Unknown scenario {name!r}; known scenarios: {known}.",
                field=field,
                issue="scenario must be one of " + known,
            )
        return scenario

    def scenario_of(self, item: WorkItem) -> Scenario:
        agent = self.items.agents.get(item.agent_id or "")
        agentless = self.items.profile.agentless_scenario or "complete"
        name = item.scenario or (agent.scenario if agent else agentless)
        return self.scenarios.get(name) or self.scenarios["complete"]

    def _on_status_change(self, change: StatusChange) -> None:
        item, profile = change.item, self.items.profile
        effect = profile.effect(change.action)
        if effect.stops_run:
            self.planned.pop(item.work_item_id, None)
        if item.status == profile.queued_status and effect.queues_run:
            self._schedule(
                item.work_item_id, item.run, self.scenario_of(item).steps_for(item.run), 0
            )

    def _schedule(self, item_id: str, run: int, steps: tuple[Step, ...], index: int) -> None:
        if index >= len(steps):
            self.planned.pop(item_id, None)
            return
        due = self.items.clock.now() + timedelta(seconds=steps[index].after)
        self.plan(PlannedStep(item_id, run, index, due), steps)

    def plan(self, planned: PlannedStep, steps: tuple[Step, ...] | None = None) -> None:
        """Put a step on the timetable (steps default to the item's scenario for the run).

        Only the latest plan per item counts: a step whose plan was replaced (by a new run, a
        switched scenario or a reset) finds itself superseded when it fires and does nothing.
        """
        if steps is None:
            item = self.items.store.get(planned.work_item_id)
            if item is None:
                return
            steps = self.scenario_of(item).steps_for(planned.run)
        replaced = self._tasks.pop(planned.work_item_id, None)
        if replaced is not None:
            # So `advance` never lists a step that did nothing; only once the new plan holds.
            on_commit(replaced.cancel)
        self.planned[planned.work_item_id] = planned
        chosen = steps
        self._tasks[planned.work_item_id] = self.scheduler.at(
            planned.due,
            f"agent: {planned.work_item_id} run {planned.run} -> {steps[planned.index].status}",
            lambda: self._fire(planned, chosen),
        )

    def switch_scenario(self, work_item_id: str, name: str) -> WorkItem:
        """Use scenario `name` from now on; an item still waiting to be picked up starts it now."""
        self.known(name, field="body.scenario", error=ValidationFailed)
        with self.items.lock:
            item = self.items.store.get(work_item_id)
            if item is None:
                raise NotFound(f"Work item {work_item_id} not found.", field="work_item_id")
            item = self.items.commit(item, "set_scenario", scenario=name)
            waiting = self.planned.get(work_item_id)
            if waiting is not None and waiting.index == 0:
                self._schedule(
                    work_item_id, item.run, self.scenario_of(item).steps_for(item.run), 0
                )
            return item

    def clear(self) -> None:
        self.planned.clear()
        self._tasks.clear()

    def _fire(self, planned: PlannedStep, steps: tuple[Step, ...]) -> None:
        step = steps[planned.index]
        profile = self.items.profile
        with self.items.lock:
            item = self.items.store.get(planned.work_item_id)
            if item is None or self.planned.get(planned.work_item_id) is not planned:
                return  # superseded by a newer plan, or the emulator was reset
            del self.planned[planned.work_item_id]
            self._tasks.pop(planned.work_item_id, None)
            last = planned.index == len(steps) - 1
            action = profile.agent_action_to(step.status)
            if action is None or not profile.table.allows(action, item.status):
                # A person moved the item on (completed it, say): the agent's work is void,
                # but its run still ends now. FIDELITY: the platform fires the callbacks of the
                # status the item is in when a run ends (sema4-platform-behaviour.md §8.3).
                if last:
                    self.items.end_run(item)
                return
            changes: dict[str, Any] = {"status": step.status}
            if step.status == profile.running_status and item.thread_id is None:
                changes["thread_id"] = self.items.ids.uuid("thread")
            if step.reply is not None:
                changes["messages"] = (*item.messages, self._reply(item, step.reply))
            updated = self.items.commit(item, action, **changes)
            if last:
                self.items.end_run(updated)
            self._schedule(item.work_item_id, planned.run, steps, planned.index + 1)

    def _reply(self, item: WorkItem, template: str) -> dict[str, Any]:
        agent = self.items.agents.get(item.agent_id or "")
        values = {
            "work_item_id": item.work_item_id,
            "work_item_name": item.display_name,
            "agent_id": item.agent_id,
            "agent_name": agent.name if agent else item.agent_id,
            "run": item.run,
            "payload": item.payload,
        }
        text = render_reply(template, values)
        return {"role": "agent", "content": [{"kind": "text", "text": text}]}
