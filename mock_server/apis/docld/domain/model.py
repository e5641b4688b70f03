"""DocLD's records, as immutable values: a change stores a new version."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mock_server.apis.docld.domain.lifecycle import RUNNING

JsonObject = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    type: str
    config: JsonObject = field(default_factory=dict)
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Trigger:
    """A workflow's trigger: `event` and `filters` for event triggers, cron and zone for
    scheduled ones, nothing more for manual and webhook triggers."""

    type: str
    event: str | None = None
    filters: JsonObject = field(default_factory=dict)
    cron_expression: str | None = None
    timezone: str | None = None


@dataclass(frozen=True, slots=True)
class Workflow:
    id: str
    organization_id: str
    name: str
    description: str | None
    steps: tuple[Step, ...]
    trigger: Trigger
    enabled: bool
    created_at: datetime
    updated_at: datetime
    created_by: str = ""


@dataclass(frozen=True, slots=True)
class StepLog:
    """One step of an execution as it ran; `running` until it ends."""

    step_id: str
    type: str
    status: str
    started_at: datetime
    completed_at: datetime | None = None
    duration_ms: int | None = None
    output: JsonObject | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Execution:
    """One run of a workflow; it keeps the steps it started with, so an edit of the workflow
    meanwhile never changes a run in flight."""

    id: str
    workflow_id: str
    organization_id: str
    workflow_name: str
    status: str
    triggered_by: str
    trigger_data: JsonObject
    steps: tuple[Step, ...]
    started_at: datetime
    log: tuple[StepLog, ...] = ()
    completed_at: datetime | None = None
    error: str | None = None
    scenario: str | None = None

    @property
    def running_step(self) -> int | None:
        """The index of the step running now, if any."""
        if self.status == RUNNING and self.log and self.log[-1].status == RUNNING:
            return len(self.log) - 1
        return None

    def outputs(self) -> dict[str, JsonObject]:
        """Each completed step's output by step id, in order."""
        return {e.step_id: e.output for e in self.log if e.status == "completed" and e.output}


@dataclass(frozen=True, slots=True)
class Schedule:
    workflow_id: str
    organization_id: str
    cron_expression: str
    timezone: str
    enabled: bool
    created_at: datetime
    updated_at: datetime
    next_run_at: datetime | None = None
    last_run_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Integration:
    id: str
    organization_id: str
    workflow_id: str | None
    name: str
    integration_type: str
    config: JsonObject
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    name: str
    description: str
    category: str
    trigger: Trigger
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class Extraction:
    extraction_id: str
    schema_id: str
    status: str  # started, completed, failed
    overall_confidence: float | None = None
    data: JsonObject = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Document:
    """An uploaded document; its bytes are not kept (nothing serves them back)."""

    id: str
    organization_id: str
    name: str
    file_type: str
    mime_type: str
    size_bytes: int
    status: str
    knowledge_base_id: str | None
    created_at: datetime
    updated_at: datetime
    scenario: str
    pages: int | None = None
    error: str | None = None
    extraction: Extraction | None = None


@dataclass(frozen=True, slots=True)
class Subscription:
    """A webhook subscription: where events go and the secret that signs them."""

    id: str
    organization_id: str
    url: str
    events: tuple[str, ...]
    secret: str = field(repr=False)
    enabled: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened in an organization; webhooks and triggers react to it."""

    name: str
    organization_id: str
    subject_id: str  # the execution or document it is about
    data: JsonObject
    at: datetime
