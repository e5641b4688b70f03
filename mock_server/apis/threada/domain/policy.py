"""Governed execution: whether a work item's policy lets an action run on an integration now.

FIDELITY: "Run a policy-approved action against a configured integration"; a refusal is a
`policy` error with a reason code. INFERRED: the rule effects (allow, require_approval,
deny), the integration allow-lists, and which work item statuses an action may run from.
"""

from __future__ import annotations

from mock_server.apis.threada.domain.catalog import Action, Catalog, Integration
from mock_server.apis.threada.domain.errors import (
    ActionDenied,
    ActionNotInPolicy,
    ApprovalRequired,
    IntegrationDisabled,
    IntegrationNotPermitted,
    WorkItemNotActionable,
)
from mock_server.apis.threada.domain.lifecycle import WORK_ITEM
from mock_server.apis.threada.domain.model import WorkItem


def approve_execution(
    catalog: Catalog, item: WorkItem, action: Action, integration: Integration
) -> str:
    """Why the policy lets `action` run on `integration` for `item` (the receipt's fallback
    reason when the caller gives no evidence), or the policy error saying why not."""
    policy = catalog.policies[item.policy.policy_set]
    where = f"Policy {policy.policy_set} {policy.version}"
    if not WORK_ITEM.allows("execute", item.status):
        raise WorkItemNotActionable(
            f"Work item {item.work_item_id} is {item.status}; actions run only on open work "
            f"items ({', '.join(sorted(WORK_ITEM.rule('execute').sources))}).",
            field="body.work_item_id",
            issue=f"status {item.status}",
        )
    rule = policy.rules.get(action.action_id)
    if rule is None:
        raise ActionNotInPolicy(
            f"{where} has no rule for action {action.action_id}, so it may not run.",
            field="body.action_id",
            issue=f"not in policy {policy.policy_set}",
        )
    if rule.effect == "deny":
        raise ActionDenied(
            f"{where} denies action {action.action_id}.",
            field="body.action_id",
            issue="denied by policy",
        )
    if rule.integrations is not None and integration.integration_id not in rule.integrations:
        raise IntegrationNotPermitted(
            f"{where} lets {action.action_id} run only on "
            f"{', '.join(sorted(rule.integrations))}, not {integration.integration_id}.",
            field="body.integration_id",
            issue="integration not permitted for this action",
        )
    if rule.effect == "require_approval" and not item.approval_covers(action.action_id):
        raise ApprovalRequired(
            f"{where} requires a human approval before {action.action_id} runs on "
            f"{item.work_item_id} (status {item.status}).",
            field="body.work_item_id",
            issue="approve the work item first (POST /work-items/{id}/approve)",
        )
    if not integration.enabled:
        raise IntegrationDisabled(
            f"Integration {integration.integration_id} is disabled and takes no executions.",
            field="body.integration_id",
            issue="integration disabled",
        )
    if rule.effect == "allow":
        return f"{where} allows {action.action_id} on {integration.integration_id}."
    approval = next(r for r in reversed(item.receipts) if r.decision == "approve")
    return f"Approved in receipt {approval.receipt_id} under {where}."
