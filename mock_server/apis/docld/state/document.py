"""The DocLD part of a state document, validated on import with messages naming the field."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StepPart(_Part):
    id: str
    type: str
    config: dict[str, Any]
    name: str | None


class TriggerPart(_Part):
    type: str
    event: str | None
    filters: dict[str, Any]
    cron_expression: str | None
    timezone: str | None


class WorkflowPart(_Part):
    id: str
    organization_id: str
    name: str
    description: str | None
    steps: list[StepPart] = Field(min_length=1)
    trigger: TriggerPart
    enabled: bool
    created_at: datetime
    updated_at: datetime
    created_by: str


class SchedulePart(_Part):
    workflow_id: str
    organization_id: str
    cron_expression: str
    timezone: str
    enabled: bool
    created_at: datetime
    updated_at: datetime
    next_run_at: datetime | None
    last_run_at: datetime | None


class StepLogPart(_Part):
    step_id: str
    type: str
    status: str
    started_at: datetime
    completed_at: datetime | None
    duration_ms: int | None
    output: dict[str, Any] | None
    error: str | None


class ExecutionPart(_Part):
    id: str
    workflow_id: str
    organization_id: str
    workflow_name: str
    status: str
    triggered_by: str
    trigger_data: dict[str, Any]
    steps: list[StepPart] = Field(min_length=1)
    started_at: datetime
    log: list[StepLogPart]
    completed_at: datetime | None
    error: str | None
    scenario: str | None


class IntegrationPart(_Part):
    id: str
    organization_id: str
    workflow_id: str | None
    name: str
    integration_type: str
    config: dict[str, Any]
    created_at: datetime
    updated_at: datetime


class ExtractionPart(_Part):
    extraction_id: str
    schema_id: str
    status: str
    overall_confidence: float | None
    data: dict[str, Any]


class DocumentPart(_Part):
    id: str
    organization_id: str
    name: str
    file_type: str
    mime_type: str
    size_bytes: int = Field(ge=0)
    status: str
    knowledge_base_id: str | None
    created_at: datetime
    updated_at: datetime
    scenario: str
    pages: int | None
    error: str | None
    extraction: ExtractionPart | None


class SubscriptionPart(_Part):
    id: str
    organization_id: str
    url: str
    events: list[str] = Field(min_length=1)
    secret: str = Field(min_length=1)
    enabled: bool
    created_at: datetime


class UsagePart(_Part):
    minute: int
    in_minute: int = Field(ge=0)
    day: int
    in_day: int = Field(ge=0)


class StepPlanPart(_Part):
    execution_id: str
    index: int = Field(ge=0)
    due: datetime


class DocumentPlanPart(_Part):
    document_id: str
    stage: str
    due: datetime


class DocldPart(_Part):
    """Everything DocLD holds: scenarios, records in the order they were made, usage, plans."""

    scenarios: list[dict[str, Any]]
    workflows: list[WorkflowPart]
    schedules: list[SchedulePart]
    executions: list[ExecutionPart]
    integrations: list[IntegrationPart]
    documents: list[DocumentPart]
    webhooks: list[SubscriptionPart]
    rate_limits: dict[str, UsagePart]
    step_plans: list[StepPlanPart]
    document_plans: list[DocumentPlanPart]
