"""The Sema4 part of a state document, validated on import with messages naming the field."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from mock_server.apis.sema4.fixtures import AgentEntry, KeyEntry, ScenarioEntry


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScenarioPart(ScenarioEntry):
    name: str


class FilePart(_Part):
    file_id: str
    file_ref: str
    content_type: str
    uploaded_at: datetime
    content_base64: str


class CallbackPart(_Part):
    url: str
    on_status: str
    signature_secret: str | None


class TransitionPart(_Part):
    at: datetime
    previous: str | None
    status: str
    action: str


class WorkItemPart(_Part):
    work_item_id: str
    tenant_id: str
    status: str
    agent_id: str | None
    created_by: str
    user_id: str
    created_at: datetime
    updated_at: datetime
    status_updated_at: datetime
    work_item_name: str | None
    payload: dict[str, Any]
    initial_messages: list[dict[str, Any]]
    messages: list[dict[str, Any]]
    callbacks: list[CallbackPart]
    files: list[FilePart]
    thread_id: str | None
    run: int = Field(ge=0)
    scenario: str | None
    history: list[TransitionPart] = []  # absent from documents written before it was kept
    status_updated_by: str = "HUMAN"  # these two are absent from documents written before the
    completed_by: str | None = None  # platform profile


class UploadPart(_Part):
    file_id: str
    file_ref: str
    work_item_id: str
    tenant_id: str
    token: str
    content_type: str
    content_base64: str | None


class StepPlanPart(_Part):
    work_item_id: str
    run: int
    step: int = Field(ge=0)
    due: datetime


class Sema4Part(_Part):
    """Everything the Sema4 API holds: agents, keys, scenarios, work items, uploads, steps."""

    profile: str
    agents: list[AgentEntry]
    keys: list[KeyEntry]
    scenarios: list[ScenarioPart]
    work_items: list[WorkItemPart]
    pending_uploads: list[UploadPart]
    agent_steps: list[StepPlanPart]
