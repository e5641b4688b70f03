"""Work items, their receipts, and executions, as immutable values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

JsonObject = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Actor:
    """Who made a move: `human`, `ai`, or `system` (an integration's answer)."""

    type: str
    id: str


@dataclass(frozen=True, slots=True)
class Citation:
    source: str
    excerpt: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """Citations, or an explicit fallback reason: a receipt always has one of them.

    FIDELITY: "Work cannot be created without either citations or a recorded fallback
    reason" (Threada's receipts blog).
    """

    citations: tuple[Citation, ...] = ()
    fallback_reason: str | None = None

    @property
    def given(self) -> bool:
        return bool(self.citations) or bool(self.fallback_reason)


@dataclass(frozen=True, slots=True)
class PolicyRef:
    """The policy in force: set, version and scope (tenant, workflow or channel)."""

    policy_set: str
    version: str
    scope: str = "workflow"


@dataclass(frozen=True, slots=True)
class ProposedAction:
    action_id: str
    integration_id: str | None = None


@dataclass(frozen=True, slots=True)
class Receipt:
    """What one status change of a work item leaves behind (Threada's "receipt")."""

    receipt_id: str
    at: datetime
    actor: Actor
    decision: str  # the lifecycle move: ai_review, approve, execute, ...
    outcome: str
    previous_status: str
    status: str
    policy: PolicyRef
    evidence: Evidence
    action_id: str | None = None
    integration_id: str | None = None
    execution_id: str | None = None
    external_ref: str | None = None  # the integration's record, once an execution succeeded
    reason_code: str | None = None  # why an execution failed


@dataclass(frozen=True, slots=True)
class WorkItem:
    work_item_id: str
    tenant_id: str
    workflow_id: str
    channel_id: str | None
    payload: JsonObject
    status: str
    policy: PolicyRef
    requester: Actor
    created_at: datetime
    updated_at: datetime
    scenario: str
    receipts: tuple[Receipt, ...] = ()
    proposed_action: ProposedAction | None = None
    execution_ids: tuple[str, ...] = ()

    def approval_covers(self, action_id: str) -> bool:
        """Whether the item's approval (it is `approved`) extends to `action_id`: the
        proposed action when decisioning proposed one, else any action."""
        proposed = self.proposed_action
        return self.status == "approved" and (proposed is None or proposed.action_id == action_id)


@dataclass(frozen=True, slots=True)
class ExecutionError:
    code: str
    message: str
    retryable: bool


@dataclass(frozen=True, slots=True)
class Execution:
    execution_id: str
    tenant_id: str
    work_item_id: str
    action_id: str
    integration_id: str
    idempotency_key: str
    status: str
    requested_by: Actor
    created_at: datetime
    updated_at: datetime
    attempts: int = 0
    external_ref: str | None = None
    error: ExecutionError | None = None
    delivery_id: str | None = None  # the webhook delivery carrying the current attempt

    @property
    def request(self) -> tuple[str, str, str]:
        """What makes two execute requests "the same request"."""
        return (self.work_item_id, self.action_id, self.integration_id)
