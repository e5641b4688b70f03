"""The shape of Agentwork's part of a state document, checked field by field by pydantic."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from mock_server.apis.agentwork.fixtures import ScenarioEntry


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OrganizationDoc(_Record):
    org_id: str
    short_id: str
    name: str


class CreditsDoc(_Record):
    daily_quota: int = Field(ge=0)
    task_cost: int = Field(ge=0)


class AccountDoc(_Record):
    user_id: str
    email: str
    name: str | None
    organization: OrganizationDoc | None
    password: str | None
    scenario: str | None
    credits: CreditsDoc


class KeyDoc(_Record):
    digest: str = Field(pattern=r"^[0-9a-f]{64}$")
    prefix: str
    name: str
    user_id: str


class UsageDoc(_Record):
    day: date
    used: int = Field(ge=0)


class QuestionDoc(_Record):
    message_id: str
    content: str | dict[str, Any]
    type: str


class ProposalDoc(_Record):
    message_id: str
    content: str


class FileDoc(_Record):
    file_id: str
    name: str
    content: str
    content_type: str


class EventDoc(_Record):
    at: str
    type: str
    content: str


class MoveDoc(_Record):
    at: str
    previous: str | None
    status: str
    action: str
    actor: str


class TaskDoc(_Record):
    task_id: str
    org_id: str
    user_id: str
    title: str
    description: str
    status: str
    created_at: str
    last_activity_at: str
    scenario: str
    cursor: int = Field(ge=0)
    revision: int = Field(ge=0)
    question: QuestionDoc | None
    spec: ProposalDoc | None
    solution: ProposalDoc | None
    result_text: str | None
    files: list[FileDoc]
    last_reply: str | None
    rejection_reason: str | None
    events: list[EventDoc]
    moves: list[MoveDoc]


class PlannedDoc(_Record):
    task_id: str
    index: int = Field(ge=0)
    due: str
    revise: bool


class AgentworkState(_Record):
    profile: str | None = None  # the lifecycle it was saved with; None: whichever is served
    accounts: list[AccountDoc]
    keys: list[KeyDoc]
    credits: dict[str, UsageDoc]
    url_secret: str = Field(min_length=1)
    tasks: list[TaskDoc]
    scenarios: dict[str, ScenarioEntry]
    planned: list[PlannedDoc]
