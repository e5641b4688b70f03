"""Work items, receipts and executions as JSON documents, and back (the API and snapshots)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mock_server.apis.threada.domain.model import (
    Actor,
    Citation,
    Evidence,
    Execution,
    ExecutionError,
    PolicyRef,
    ProposedAction,
    Receipt,
    WorkItem,
)
from mock_server.core.clock import isoformat_z

Document = dict[str, Any]


def _actor(actor: Actor) -> Document:
    return {"type": actor.type, "id": actor.id}


def _policy(policy: PolicyRef) -> Document:
    return {"policy_set": policy.policy_set, "version": policy.version, "scope": policy.scope}


def citation_json(citation: Citation) -> Document:
    found: Document = {"source": citation.source}
    if citation.excerpt is not None:
        found["excerpt"] = citation.excerpt
    return found


def evidence_json(evidence: Evidence) -> Document:
    return {
        "citations": [citation_json(c) for c in evidence.citations],
        "fallback_reason": evidence.fallback_reason,
    }


def receipt_json(receipt: Receipt) -> Document:
    return {
        "receipt_id": receipt.receipt_id,
        "at": isoformat_z(receipt.at),
        "actor": _actor(receipt.actor),
        "decision": receipt.decision,
        "outcome": receipt.outcome,
        "previous_status": receipt.previous_status,
        "status": receipt.status,
        "policy": _policy(receipt.policy),
        "evidence": evidence_json(receipt.evidence),
        "action_id": receipt.action_id,
        "integration_id": receipt.integration_id,
        "execution_id": receipt.execution_id,
        "external_ref": receipt.external_ref,
        "reason_code": receipt.reason_code,
    }


def work_item_json(item: WorkItem) -> Document:
    """The item as the API answers it (the seed's three fields first)."""
    proposed = item.proposed_action
    return {
        "work_item_id": item.work_item_id,
        "status": item.status,
        "workflow_id": item.workflow_id,
        "channel_id": item.channel_id,
        "tenant_id": item.tenant_id,
        "payload": dict(item.payload),
        "policy": _policy(item.policy),
        "requester": _actor(item.requester),
        "proposed_action": None
        if proposed is None
        else {"action_id": proposed.action_id, "integration_id": proposed.integration_id},
        "execution_ids": list(item.execution_ids),
        "receipts": [receipt_json(r) for r in item.receipts],
        "created_at": isoformat_z(item.created_at),
        "updated_at": isoformat_z(item.updated_at),
        "mock_scenario": item.scenario,
    }


def execution_json(execution: Execution) -> Document:
    """The execution as the API answers it (the seed's three fields first)."""
    error = execution.error
    return {
        "execution_id": execution.execution_id,
        "status": execution.status,
        "idempotency_key": execution.idempotency_key,
        "work_item_id": execution.work_item_id,
        "action_id": execution.action_id,
        "integration_id": execution.integration_id,
        "attempts": execution.attempts,
        "external_ref": execution.external_ref,
        "error": None
        if error is None
        else {
            "type": "execution",
            "code": error.code,
            "message": error.message,
            "retryable": error.retryable,
        },
        "created_at": isoformat_z(execution.created_at),
        "updated_at": isoformat_z(execution.updated_at),
    }


# -- snapshots: the API's documents plus what only the emulator keeps --------------------------


def execution_state(execution: Execution) -> Document:
    return {
        **execution_json(execution),
        "tenant_id": execution.tenant_id,
        "requested_by": _actor(execution.requested_by),
        "delivery_id": execution.delivery_id,
    }


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _evidence_of(document: Document) -> Evidence:
    citations = tuple(Citation(c["source"], c.get("excerpt")) for c in document["citations"])
    return Evidence(citations, document["fallback_reason"])


def _policy_of(document: Document) -> PolicyRef:
    return PolicyRef(document["policy_set"], document["version"], document["scope"])


def receipt_of(document: Document) -> Receipt:
    return Receipt(
        receipt_id=document["receipt_id"],
        at=_instant(document["at"]),
        actor=Actor(**document["actor"]),
        decision=document["decision"],
        outcome=document["outcome"],
        previous_status=document["previous_status"],
        status=document["status"],
        policy=_policy_of(document["policy"]),
        evidence=_evidence_of(document["evidence"]),
        action_id=document["action_id"],
        integration_id=document["integration_id"],
        execution_id=document["execution_id"],
        external_ref=document["external_ref"],
        reason_code=document["reason_code"],
    )


def work_item_of(document: Document) -> WorkItem:
    proposed = document["proposed_action"]
    return WorkItem(
        work_item_id=document["work_item_id"],
        tenant_id=document["tenant_id"],
        workflow_id=document["workflow_id"],
        channel_id=document["channel_id"],
        payload=document["payload"],
        status=document["status"],
        policy=_policy_of(document["policy"]),
        requester=Actor(**document["requester"]),
        created_at=_instant(document["created_at"]),
        updated_at=_instant(document["updated_at"]),
        scenario=document["mock_scenario"],
        receipts=tuple(receipt_of(r) for r in document["receipts"]),
        proposed_action=ProposedAction(proposed["action_id"], proposed["integration_id"])
        if proposed
        else None,
        execution_ids=tuple(document["execution_ids"]),
    )


def execution_of(document: Document) -> Execution:
    error = document["error"]
    return Execution(
        execution_id=document["execution_id"],
        tenant_id=document["tenant_id"],
        work_item_id=document["work_item_id"],
        action_id=document["action_id"],
        integration_id=document["integration_id"],
        idempotency_key=document["idempotency_key"],
        status=document["status"],
        requested_by=Actor(**document["requested_by"]),
        created_at=_instant(document["created_at"]),
        updated_at=_instant(document["updated_at"]),
        attempts=document["attempts"],
        external_ref=document["external_ref"],
        error=ExecutionError(error["code"], error["message"], error["retryable"])
        if error
        else None,
        delivery_id=document["delivery_id"],
    )
