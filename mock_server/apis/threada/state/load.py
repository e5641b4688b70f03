"""Reads Threada's part of a state document back, checked whole before anything is applied."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from mock_server.apis.threada.domain.scenarios import Scenario, ScenarioError, check_scenario
from mock_server.apis.threada.engine.decisioning import PlannedDecision
from mock_server.apis.threada.engine.plans import plan_of
from mock_server.apis.threada.state.document import ThreadaPart
from mock_server.hosting.state import StateError

if TYPE_CHECKING:
    from mock_server.apis.threada.runtime import ThreadaRuntime


def parse_part(raw: Any, profile: str) -> ThreadaPart:
    if not isinstance(raw, dict):
        raise StateError("must be an object")
    if raw.get("profile") != profile:
        raise StateError(f"profile: state is for profile {raw.get('profile')!r}, not {profile!r}")
    try:
        return ThreadaPart.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise StateError(f"{where}: {first['msg']}") from None


def _problems(part: ThreadaPart, api: ThreadaRuntime) -> Iterator[str]:
    """What refers to something the part or the fixtures do not have."""
    catalog = api.service.catalog
    scenarios = {s.name for s in part.scenarios}
    items = {}
    for position, item in enumerate(part.work_items):
        where = f"work_items.{position}"
        if item.work_item_id in items:
            yield f"{where}: work item {item.work_item_id!r} twice"
        items[item.work_item_id] = item
        if item.workflow_id not in catalog.workflows:
            yield f"{where}.workflow_id: no workflow {item.workflow_id!r} in the fixtures"
        if item.mock_scenario not in scenarios:
            yield f"{where}.mock_scenario: no scenario {item.mock_scenario!r} in the part"
    executions = set()
    for position, execution in enumerate(part.executions):
        where = f"executions.{position}"
        if execution.execution_id in executions:
            yield f"{where}: execution {execution.execution_id!r} twice"
        executions.add(execution.execution_id)
        owner = items.get(execution.work_item_id)
        if owner is None or owner.tenant_id != execution.tenant_id:
            yield f"{where}.work_item_id: no work item {execution.work_item_id!r} in its tenant"
        if execution.integration_id not in catalog.integrations:
            yield f"{where}.integration_id: no integration {execution.integration_id!r}"
    for position, decision in enumerate(part.planned_decisions):
        if decision.work_item_id not in items:
            yield f"planned_decisions.{position}: no work item {decision.work_item_id!r}"
        if decision.scenario not in scenarios:
            yield f"planned_decisions.{position}: no scenario {decision.scenario!r}"
    for position, step in enumerate(part.planned_executions):
        if step.execution_id not in executions:
            yield f"planned_executions.{position}: no execution {step.execution_id!r}"


def _scenarios(part: ThreadaPart, api: ThreadaRuntime) -> dict[str, Scenario]:
    found = {}
    for position, entry in enumerate(part.scenarios):
        scenario = entry.to_scenario(entry.name)
        try:
            check_scenario(scenario, api.service.catalog.actions)
        except ScenarioError as error:
            raise StateError(f"scenarios.{position}: {error}") from None
        found[scenario.name] = scenario
    return found


def prepare_part(api: ThreadaRuntime, raw: Any) -> Callable[[], None]:
    """Check the part and decode it; what is returned applies it and cannot fail."""
    part = parse_part(raw, api.profile_name)
    problem = next(_problems(part, api), None)
    if problem is not None:
        raise StateError(problem)
    scenarios = _scenarios(part, api)
    credentials = [k.to_credential() for k in part.keys]
    records = {
        "numbering": part.numbering.model_dump(),
        "work_items": raw["work_items"],
        "executions": raw["executions"],
    }
    try:  # the models checked the shapes; this decodes them into the domain's records
        apply_records = api.service.prepare_records(records)
        decisions = [PlannedDecision.of(d) for d in raw["planned_decisions"]]
        steps = [plan_of(p) for p in raw["planned_executions"]]
    except (KeyError, TypeError, ValueError) as error:
        raise StateError(f"cannot be read: {error}") from None

    def apply() -> None:
        with api.lock:
            api.service.credentials.replace_all(credentials)
            api.service.scenarios.replace_all(scenarios)
            apply_records()
            api.decisioning.restore(decisions)
            api.runner.restore(steps)

    return apply
