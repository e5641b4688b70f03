"""The Threada part of a state document, validated on import with messages naming the field."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from mock_server.apis.threada.fixture_entries import IdsEntry, KeyEntry, ScenarioEntry

# The lifecycle's STATUSES; a test keeps the two equal.
Status = Literal[
    "new", "in_review", "awaiting_approval", "approved", "rejected", "escalated", "executing",
    "resolved", "refused", "failed",
]  # fmt: skip
ExecutionStatus = Literal["started", "succeeded", "failed"]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ActorPart(_Part):
    type: Literal["human", "ai", "system"]
    id: str


class PolicyPart(_Part):
    policy_set: str
    version: str
    scope: Literal["tenant", "workflow", "channel"]


class CitationPart(_Part):
    source: str
    excerpt: str | None = None


class EvidencePart(_Part):
    citations: list[CitationPart]
    fallback_reason: str | None


class ReceiptPart(_Part):
    receipt_id: str = Field(pattern=r"^rc_\d+$")
    at: AwareDatetime
    actor: ActorPart
    decision: str
    outcome: str
    previous_status: Status
    status: Status
    policy: PolicyPart
    evidence: EvidencePart
    action_id: str | None
    integration_id: str | None
    execution_id: str | None
    external_ref: str | None
    reason_code: str | None


class ProposedPart(_Part):
    action_id: str
    integration_id: str | None


class WorkItemPart(_Part):
    work_item_id: str = Field(min_length=1)
    status: Status
    workflow_id: str
    channel_id: str | None
    tenant_id: str
    payload: dict[str, Any]
    policy: PolicyPart
    requester: ActorPart
    proposed_action: ProposedPart | None
    execution_ids: list[str]
    receipts: list[ReceiptPart]
    created_at: AwareDatetime
    updated_at: AwareDatetime
    mock_scenario: str


class ExecutionErrorPart(_Part):
    type: Literal["execution"]
    code: str
    message: str
    retryable: bool


class ExecutionPart(_Part):
    execution_id: str = Field(min_length=1)
    status: ExecutionStatus
    idempotency_key: str = Field(min_length=1)
    work_item_id: str
    action_id: str
    integration_id: str
    attempts: int = Field(ge=0)
    external_ref: str | None
    error: ExecutionErrorPart | None
    created_at: AwareDatetime
    updated_at: AwareDatetime
    tenant_id: str
    requested_by: ActorPart
    delivery_id: str | None


class ScenarioPart(ScenarioEntry):
    name: str = Field(min_length=1)


class DecisionPlanPart(_Part):
    work_item_id: str
    scenario: str
    index: int = Field(ge=0)
    expected_status: Status
    due: AwareDatetime


class AttemptPlanPart(_Part):
    kind: Literal["attempt"]
    execution_id: str
    attempt: int = Field(ge=1)
    due: AwareDatetime


class LandedPlanPart(_Part):
    kind: Literal["landed"]
    execution_id: str
    due: AwareDatetime
    delivery_id: str
    outcome: Literal["delivered", "failed", "blocked"]
    attempts: int = Field(ge=0)
    reason: str


class ThreadaPart(_Part):
    """Everything Threada holds: keys, scenarios, id counters, work items (in creation
    order), executions, and the decisioning and execution steps planned."""

    profile: str
    keys: list[KeyEntry]
    scenarios: list[ScenarioPart]
    numbering: IdsEntry
    work_items: list[WorkItemPart]
    executions: list[ExecutionPart]
    planned_decisions: list[DecisionPlanPart]
    planned_executions: list[
        Annotated[AttemptPlanPart | LandedPlanPart, Field(discriminator="kind")]
    ]
