"""Agentwork's part of a state document: accounts, keys, credits, tasks, scenarios and the
agent's planned moves, written as JSON and checked whole before any of it is applied."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from pydantic import ValidationError

from mock_server.apis.agentwork.domain.credits import Usage
from mock_server.apis.agentwork.domain.model import (
    Account,
    CreditPlan,
    Event,
    KeyRecord,
    Move,
    Organization,
    Proposal,
    Question,
    ResultFile,
    Task,
)
from mock_server.apis.agentwork.domain.service import TaskService
from mock_server.apis.agentwork.engine.agent import PlannedStep, SimulatedAgent
from mock_server.apis.agentwork.engine.scenarios import (
    ScenarioError,
    check_scenario,
    scenario_to_json,
)
from mock_server.apis.agentwork.state_schema import AccountDoc, AgentworkState, TaskDoc
from mock_server.core.clock import isoformat_z
from mock_server.hosting.state import StateError


def plain(value: Any) -> Any:
    """A record as JSON: dataclasses field by field, instants as ISO text, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime):
        return isoformat_z(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def export_state(tasks: TaskService, agent: SimulatedAgent) -> dict[str, Any]:
    """Everything the API holds, JSON-ready; the caller holds the service lock."""
    return {
        "profile": tasks.lifecycle.name,
        "accounts": [plain(a) for a in tasks.accounts.accounts.values()],
        "keys": [plain(k) for k in tasks.accounts.keys.values()],
        "credits": {user_id: plain(usage) for user_id, usage in tasks.credits.entries()},
        "url_secret": tasks.signer.secret,
        "tasks": [plain(task) for task in tasks.store],
        "scenarios": {name: scenario_to_json(s) for name, s in agent.scenarios.items()},
        "planned": [plain(step) for step in agent.planned_steps()],
    }


def prepare_state(part: Any, tasks: TaskService, agent: SimulatedAgent) -> Callable[[], None]:
    """Check a part whole, then return what applies it (which cannot fail)."""
    try:
        state = AgentworkState.model_validate(part)
        if state.profile is not None and state.profile != tasks.lifecycle.name:
            raise ValueError(
                f"profile: the state was saved with profile {state.profile!r}, this emulator "
                f"serves {tasks.lifecycle.name!r} (start it with --profile agentwork="
                f"{state.profile})"
            )
        records = _records(state, tasks)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise StateError(f"{where}: {first['msg']}") from None
    except ValueError as error:
        raise StateError(str(error)) from None

    def apply() -> None:
        accounts, keys, usage, task_list, scenarios, planned = records
        tasks.restore(accounts, keys, usage, state.url_secret, task_list)
        agent.restore(planned, scenarios)

    return apply


def _records(state: AgentworkState, tasks: TaskService) -> tuple[Any, ...]:
    scenarios = {name: entry.to_scenario(name) for name, entry in state.scenarios.items()}
    for scenario in scenarios.values():
        try:
            check_scenario(scenario)
        except ScenarioError as error:
            raise ValueError(f"scenarios: {error}") from None
    accounts = [_account(doc) for doc in state.accounts]
    known_users = {account.user_id for account in accounts}
    keys = [KeyRecord(**doc.model_dump()) for doc in state.keys]
    for key in keys:
        if key.user_id not in known_users:
            raise ValueError(f"keys: key {key.prefix} belongs to unknown user {key.user_id}")
    usage = {user_id: Usage(doc.day, doc.used) for user_id, doc in state.credits.items()}
    task_list = []
    for position, doc in enumerate(state.tasks):
        try:
            task_list.append(_task(doc, tasks.lifecycle.statuses))
        except ValueError as error:
            raise ValueError(f"tasks.{position} ({doc.task_id}): {error}") from None
    task_ids = {task.task_id for task in task_list}
    if len(task_ids) != len(task_list):
        raise ValueError("tasks: a task id is listed twice")
    planned = [PlannedStep(p.task_id, p.index, instant(p.due), p.revise) for p in state.planned]
    for step in planned:
        if step.task_id not in task_ids:
            raise ValueError(f"planned: a step for unknown task {step.task_id}")
    return accounts, keys, usage, task_list, scenarios, planned


def _account(doc: AccountDoc) -> Account:
    org = doc.organization
    return Account(
        user_id=doc.user_id,
        email=doc.email,
        name=doc.name,
        organization=Organization(**org.model_dump()) if org else None,
        password=doc.password,
        scenario=doc.scenario,
        credits=CreditPlan(**doc.credits.model_dump()),
    )


def _task(doc: TaskDoc, statuses: tuple[str, ...]) -> Task:
    if doc.status not in statuses:
        raise ValueError(f"unknown status {doc.status!r}")
    fields = doc.model_dump(
        exclude={"created_at", "last_activity_at", "question", "spec", "solution", "files",
                 "events", "moves"}
    )  # fmt: skip
    return Task(
        **fields,
        created_at=instant(doc.created_at),
        last_activity_at=instant(doc.last_activity_at),
        question=Question(**doc.question.model_dump()) if doc.question else None,
        spec=Proposal(**doc.spec.model_dump()) if doc.spec else None,
        solution=Proposal(**doc.solution.model_dump()) if doc.solution else None,
        files=tuple(ResultFile(**f.model_dump()) for f in doc.files),
        events=tuple(Event(instant(e.at), e.type, e.content) for e in doc.events),
        moves=tuple(
            Move(instant(m.at), m.previous, m.status, m.action, m.actor) for m in doc.moves
        ),
    )


def instant(text: str) -> datetime:
    """An ISO-8601 instant of a state document, in UTC; ValueError when it is not one."""
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO-8601 instant") from None
    if parsed.tzinfo is None:
        raise ValueError(f"instant {text!r} has no time zone")
    return parsed.astimezone(UTC)
