"""The simulated agent: plays each task's scenario on the scheduler, one move at a time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from mock_server.apis.agentwork.domain.lifecycle import PROCESSING
from mock_server.apis.agentwork.domain.model import Task
from mock_server.apis.agentwork.domain.moves import AgentMove
from mock_server.apis.agentwork.domain.service import Change, TaskService
from mock_server.apis.agentwork.engine.scenarios import Scenario, Step, render
from mock_server.core.atomic import UndoableDict
from mock_server.core.errors import BadRequest
from mock_server.core.scheduler import Scheduler

REVISIONS = ("reject_spec", "reject_solution")


@dataclass(frozen=True)
class PlannedStep:
    """The agent's next move on a task, as data, so a snapshot can re-create the timetable.

    `revise` replays step `index` (a proposal the customer rejected) as a revision."""

    task_id: str
    index: int
    due: datetime
    revise: bool = False


class SimulatedAgent:
    """Whenever a task is `processing` after a move, plans the scenario's next step.

    Each planned move is checked again under the service lock when it fires: if the customer
    cancelled the task meanwhile, or a newer plan replaced it, it does nothing, so the agent
    never overwrites what a person did. A script that runs out while the task is processing
    leaves it there: a stall, whose `last_activity_at` no longer moves.
    """

    def __init__(
        self, tasks: TaskService, scheduler: Scheduler, scenarios: Iterable[Scenario]
    ) -> None:
        self.tasks = tasks
        self.scheduler = scheduler
        self.scenarios = {scenario.name: scenario for scenario in scenarios}
        # Guarded by the service lock; undone with the unit a failed write was in.
        self.planned: dict[str, PlannedStep] = UndoableDict()
        tasks.subscribe(self._on_change)

    def known(self, name: str) -> Scenario:
        """The scenario called `name`, or BadRequest listing the known ones."""
        scenario = self.scenarios.get(name)
        if scenario is None:
            known = ", ".join(sorted(self.scenarios))
            raise BadRequest(
                f"Unknown scenario {name!r}; known scenarios: {known}",
                field="Prefer",
                issue=f"scenario must be one of {known}",
            )
        return scenario

    def scenario_of(self, task: Task) -> Scenario:
        default = self.scenarios.get(self.tasks.default_scenario, Scenario("none", ()))
        return self.scenarios.get(task.scenario, default)

    def clear(self) -> None:
        self.planned.clear()

    def switch_scenario(self, task_id: str, name: str) -> Task:
        """Play scenario `name` on a task from the step it has reached; a processing task's
        next move is planned again at once, from the new script."""
        self.known(name)
        return self.tasks.set_scenario(task_id, name)

    def _on_change(self, change: Change) -> None:
        task = change.task
        self.planned.pop(task.task_id, None)
        if task.status != PROCESSING:
            return  # waiting for the customer, or done
        if change.action in REVISIONS:
            self._plan(task, task.cursor - 1, revise=True)
        else:
            self._plan(task, task.cursor)

    def _plan(self, task: Task, index: int, *, revise: bool = False) -> None:
        steps = self.scenario_of(task).steps
        if not revise:  # without a spec phase, the agent goes straight on to the work
            while index < len(steps) and not self._playable(steps[index]):
                index += 1
        if not 0 <= index < len(steps):
            return  # the script is over: the task stalls in processing
        step = steps[index]
        delay = step.revise_after if revise and step.revise_after is not None else step.after
        now = self.tasks.clock.now()
        self.plan(PlannedStep(task.task_id, index, now + timedelta(seconds=delay), revise))

    def _playable(self, step: Step) -> bool:
        return self.tasks.lifecycle.knows(step.lifecycle_action)

    def plan(self, planned: PlannedStep) -> None:
        """Put a move on the timetable; only the latest plan per task counts."""
        self.planned[planned.task_id] = planned
        what = "revise" if planned.revise else "step"
        name = f"agentwork agent: {planned.task_id} {what} {planned.index + 1}"
        self.scheduler.at(planned.due, name, lambda: self._fire(planned))

    def _fire(self, planned: PlannedStep) -> None:
        with self.tasks.lock:
            if self.planned.get(planned.task_id) is not planned:
                return  # superseded by a newer plan, or the emulator was reset
            del self.planned[planned.task_id]
            task = self.tasks.store.get(planned.task_id)
            steps = self.scenario_of(task).steps if task else ()
            if task is None or planned.index >= len(steps):
                return
            move = self._move(task, steps[planned.index], planned)
            self.tasks.agent_move(task.task_id, move)  # refused if a person moved first

    def _move(self, task: Task, step: Step, planned: PlannedStep) -> AgentMove:
        revision = task.revision + 1 if planned.revise else 0
        values = {
            "task_id": task.task_id,
            "title": task.title,
            "description": task.description,
            "reply": task.last_reply or "",
            "rejection_reason": task.rejection_reason or "no reason given",
            "revision": revision,
        }
        content: Any = render(step.content, values)
        if planned.revise:
            revised = step.revision or "{content}\n\nRevision {revision}: {rejection_reason}"
            content = render(revised, {**values, "content": content})
        files = tuple(
            (render(f.name, values), render(f.content, values), f.content_type) for f in step.files
        )
        return AgentMove(
            action=step.lifecycle_action,
            content=content,
            cursor=planned.index + 1,
            revision=revision,
            question_type=step.question_type,
            files=files,
        )

    def planned_steps(self) -> list[PlannedStep]:
        return list(self.planned.values())

    def restore(self, planned: Iterable[PlannedStep], scenarios: Mapping[str, Scenario]) -> None:
        self.scenarios = dict(scenarios)
        self.planned.clear()
        for each in planned:
            self.plan(each)
