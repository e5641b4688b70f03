"""Reads DocLD's part of a state document back, checked whole before anything is applied."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from mock_server.apis.docld.domain.cron import Cron, CronError, zone_named
from mock_server.apis.docld.domain.lifecycle import (
    DOCUMENT_STATUSES,
    EXECUTION_STATUSES,
    STEP_STATUSES,
)
from mock_server.apis.docld.domain.model import (
    Document,
    Execution,
    Extraction,
    Integration,
    Schedule,
    Step,
    StepLog,
    Subscription,
    Trigger,
    Workflow,
)
from mock_server.apis.docld.domain.scenarios import (
    DEFAULT_DOCUMENT,
    DEFAULT_EXECUTION,
    ScenarioBook,
)
from mock_server.apis.docld.domain.vocabulary import STEP_TYPES, TRIGGER_TYPES, WEBHOOK_EVENTS
from mock_server.apis.docld.engine.documents import STAGES, DocumentPlan
from mock_server.apis.docld.engine.runner import PlannedStep
from mock_server.apis.docld.scenario_docs import with_scenario
from mock_server.apis.docld.state.document import (
    DocldPart,
    DocumentPart,
    ExecutionPart,
    StepPart,
    WorkflowPart,
)
from mock_server.core.errors import DomainError
from mock_server.hosting.state import StateError

if TYPE_CHECKING:
    from mock_server.apis.docld.runtime import DocldRuntime


def _refuse_unknown(where: str, value: str | None, known: Iterable[str]) -> None:
    if value is not None and value not in known:
        raise StateError(f"{where}: unknown value {value!r}")


def _unique(table: str, ids: list[str]) -> set[str]:
    seen: set[str] = set()
    for position, record_id in enumerate(ids):
        if record_id in seen:
            raise StateError(f"{table}.{position}: id {record_id!r} twice")
        seen.add(record_id)
    return seen


def parse_part(raw: Any) -> DocldPart:
    if not isinstance(raw, dict):
        raise StateError("must be an object")
    try:
        return DocldPart.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise StateError(f"{where}: {first['msg']}") from None


def scenario_book(part: DocldPart) -> ScenarioBook:
    """The scenarios, checked as the control plane checks them, executions first."""
    book = ScenarioBook({}, {})
    ordered = sorted(enumerate(part.scenarios), key=lambda s: s[1].get("kind") == "document")
    for position, document in ordered:
        name = document.get("name")
        if not isinstance(name, str) or not name:
            raise StateError(f"scenarios.{position}.name: a scenario needs a name")
        try:
            book = with_scenario(book, name, document)
        except DomainError as error:
            raise StateError(f"scenarios.{position}: {error.message}") from None
    for kind, names, default in (
        ("execution", book.executions, DEFAULT_EXECUTION),
        ("document", book.documents, DEFAULT_DOCUMENT),
    ):
        if default not in names:
            raise StateError(f"scenarios: the default {kind} scenario {default!r} is missing")
    return book


def _check_workflows(part: DocldPart) -> set[str]:
    workflows = _unique("workflows", [w.id for w in part.workflows])
    for position, workflow in enumerate(part.workflows):
        where = f"workflows.{position}"
        _refuse_unknown(f"{where}.trigger.type", workflow.trigger.type, TRIGGER_TYPES)
        _check_steps(where, workflow.steps)
    for position, schedule in enumerate(part.schedules):
        where = f"schedules.{position}"
        if schedule.workflow_id not in workflows:
            raise StateError(f"{where}.workflow_id: no workflow {schedule.workflow_id!r}")
        try:
            Cron.parse(schedule.cron_expression)
            zone_named(schedule.timezone)
        except CronError as error:
            raise StateError(f"{where}: {error}") from None
    return workflows


def _check_steps(where: str, steps: list[StepPart]) -> None:
    for index, step in enumerate(steps):
        _refuse_unknown(f"{where}.steps.{index}.type", step.type, STEP_TYPES)


def _check_executions(part: DocldPart, workflows: set[str]) -> dict[str, ExecutionPart]:
    _unique("executions", [e.id for e in part.executions])
    for position, execution in enumerate(part.executions):
        where = f"executions.{position}"
        if execution.workflow_id not in workflows:
            raise StateError(f"{where}.workflow_id: no workflow {execution.workflow_id!r}")
        _refuse_unknown(f"{where}.status", execution.status, EXECUTION_STATUSES)
        _refuse_unknown(f"{where}.triggered_by", execution.triggered_by, TRIGGER_TYPES)
        _check_steps(where, execution.steps)
        if len(execution.log) > len(execution.steps):
            raise StateError(f"{where}.log: more entries than the execution has steps")
        for index, entry in enumerate(execution.log):
            _refuse_unknown(f"{where}.log.{index}.status", entry.status, STEP_STATUSES)
    return {e.id: e for e in part.executions}


def _check_rest(part: DocldPart, executions: dict[str, ExecutionPart]) -> None:
    _unique("integrations", [i.id for i in part.integrations])
    documents = _unique("documents", [d.id for d in part.documents])
    for position, document in enumerate(part.documents):
        _refuse_unknown(f"documents.{position}.status", document.status, DOCUMENT_STATUSES)
    _unique("webhooks", [s.id for s in part.webhooks])
    for position, subscription in enumerate(part.webhooks):
        for index, event in enumerate(subscription.events):
            _refuse_unknown(f"webhooks.{position}.events.{index}", event, WEBHOOK_EVENTS)
    for position, step in enumerate(part.step_plans):
        found = executions.get(step.execution_id)
        if found is None or not _runs_step(found, step.index):
            raise StateError(
                f"step_plans.{position}: execution {step.execution_id!r} has no step "
                f"{step.index} running"
            )
    for position, plan in enumerate(part.document_plans):
        if plan.document_id not in documents:
            raise StateError(f"document_plans.{position}: no document {plan.document_id!r}")
        _refuse_unknown(f"document_plans.{position}.stage", plan.stage, STAGES)


def _runs_step(execution: ExecutionPart, index: int) -> bool:
    log = execution.log
    return execution.status == "running" and len(log) == index + 1 and log[-1].status == "running"


def _fields(part: BaseModel, *converted: str) -> dict[str, Any]:
    """The part's fields the record takes as they are (the others are converted)."""
    return part.model_dump(exclude=set(converted))


def _steps(parts: list[StepPart]) -> tuple[Step, ...]:
    return tuple(Step(**p.model_dump()) for p in parts)


def _workflow(part: WorkflowPart) -> Workflow:
    return Workflow(
        **_fields(part, "steps", "trigger"),
        steps=_steps(part.steps),
        trigger=Trigger(**part.trigger.model_dump()),
    )


def _execution(part: ExecutionPart) -> Execution:
    return Execution(
        **_fields(part, "steps", "log"),
        steps=_steps(part.steps),
        log=tuple(StepLog(**e.model_dump()) for e in part.log),
    )


def _document(part: DocumentPart) -> Document:
    extraction = part.extraction
    return Document(
        **_fields(part, "extraction"),
        extraction=Extraction(**extraction.model_dump()) if extraction else None,
    )


def prepare_part(api: DocldRuntime, raw: Any) -> Callable[[], None]:
    """Check the part and decode it; what is returned applies it and cannot fail."""
    part = parse_part(raw)
    book = scenario_book(part)
    executions = _check_executions(part, _check_workflows(part))
    _check_rest(part, executions)
    workflows = [_workflow(w) for w in part.workflows]
    schedules = [Schedule(**s.model_dump()) for s in part.schedules]
    runs = [_execution(e) for e in part.executions]
    integrations = [Integration(**i.model_dump()) for i in part.integrations]
    documents = [_document(d) for d in part.documents]
    subscriptions = [
        Subscription(**_fields(s, "events"), events=tuple(s.events)) for s in part.webhooks
    ]
    usage = {key: u.model_dump() for key, u in part.rate_limits.items()}
    steps = [PlannedStep(p.execution_id, p.index, p.due) for p in part.step_plans]
    plans = [DocumentPlan(p.document_id, p.stage, p.due) for p in part.document_plans]

    def apply() -> None:
        with api.lock:
            space = api.domain.space
            space.clear()
            space.workflows.update((w.id, w) for w in workflows)
            space.schedules.update((s.workflow_id, s) for s in schedules)
            for execution in runs:
                space.add_execution(execution)
            space.integrations.update((i.id, i) for i in integrations)
            space.documents.update((d.id, d) for d in documents)
            space.subscriptions.update((s.id, s) for s in subscriptions)
            api.domain.limits.restore(usage)
            api.engine.scenarios = book
            api.engine.restore(steps, plans)

    return apply
