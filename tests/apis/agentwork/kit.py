"""The Agentwork domain and agent on a manual clock, built without Flask, for unit tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from mock_server.apis.agentwork.domain.accounts import AccountBook
from mock_server.apis.agentwork.domain.lifecycle import AGENT_GUIDE, Lifecycle
from mock_server.apis.agentwork.domain.model import Task
from mock_server.apis.agentwork.domain.service import TaskService
from mock_server.apis.agentwork.engine.agent import SimulatedAgent
from mock_server.apis.agentwork.fixtures import FixtureSet, load_fixtures
from mock_server.core.clock import Clock, ClockMode
from mock_server.core.ids import IdFactory
from mock_server.core.principal import Principal
from mock_server.core.scheduler import Scheduler
from tests.apis.agentwork.conftest import ACME_KEY, DEV_KEY, TEAMMATE_KEY, shipped_fixtures

START = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


@dataclass
class Kit:
    clock: Clock
    ids: IdFactory
    scheduler: Scheduler
    fixtures: FixtureSet
    tasks: TaskService
    agent: SimulatedAgent

    def who(self, key: str = DEV_KEY) -> Principal:
        return self.tasks.authenticate(f"Bearer {key}")

    @property
    def dev(self) -> Principal:
        return self.who(DEV_KEY)

    @property
    def teammate(self) -> Principal:
        return self.who(TEAMMATE_KEY)

    @property
    def acme(self) -> Principal:
        return self.who(ACME_KEY)

    def create(
        self, scenario: str | None = "straight_through", title: str = "Build a page"
    ) -> Task:
        return self.tasks.create(self.dev, title, "A landing page with a hero.", scenario)

    def advance(self, seconds: float) -> None:
        self.scheduler.advance(seconds)

    def task(self, task_id: str) -> Task:
        return self.tasks.get(self.dev, task_id)

    def event_types(self, task_id: str) -> list[str]:
        return [event.type for event in self.task(task_id).events]


def build(lifecycle: Lifecycle = AGENT_GUIDE, *, seed: int | None = 7) -> Kit:
    clock = Clock(ClockMode.MANUAL, start=START)
    ids = IdFactory(seed)
    scheduler = Scheduler(clock)
    fixtures = load_fixtures(shipped_fixtures())
    accounts = AccountBook(ids, fixtures.defaults)
    accounts.load(fixtures.accounts, fixtures.keys)
    tasks = TaskService(
        lifecycle, clock, ids, accounts, default_scenario=fixtures.defaults.scenario
    )
    agent = SimulatedAgent(tasks, scheduler, fixtures.scenarios)
    return Kit(clock, ids, scheduler, fixtures, tasks, agent)
