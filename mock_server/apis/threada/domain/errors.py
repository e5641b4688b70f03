"""Threada's typed errors: a category and a reason code on top of a core error kind.

FIDELITY: the reference names the categories (validation, authorization, policy, execution)
and "reason codes for deterministic handling". INFERRED: every reason code below.

Each class is also an instance of a core kind (NotFound, Forbidden, ...): its `code` is that
kind, which decides the HTTP status in any envelope; its `reason` (unique across categories)
is the code Threada's envelope writes, and `REASONS` finds the category from it.
"""

from __future__ import annotations

from typing import ClassVar

from mock_server.core import errors as core

VALIDATION, AUTHORIZATION, POLICY, EXECUTION = "validation", "authorization", "policy", "execution"
CATEGORIES = (VALIDATION, AUTHORIZATION, POLICY, EXECUTION)


class ThreadaError(core.DomainError):
    category: ClassVar[str] = VALIDATION
    reason: ClassVar[str] = "invalid_request"

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.reason in REASONS:
            raise TypeError(f"reason code {cls.reason!r} is used twice")
        REASONS[cls.reason] = cls


REASONS: dict[str, type[ThreadaError]] = {}


def category_of(reason: str | None) -> str | None:
    """The category of a Threada reason code, or None for one Threada does not define."""
    found = REASONS.get(reason) if reason is not None else None
    return found.category if found is not None else None


# -- validation ------------------------------------------------------------------------------


class UnknownWorkflow(ThreadaError, core.BadRequest):
    reason = "unknown_workflow"


class UnknownChannel(ThreadaError, core.BadRequest):
    reason = "unknown_channel"


class ChannelRequired(ThreadaError, core.BadRequest):
    reason = "channel_required"


class ChannelNotAccepted(ThreadaError, core.BadRequest):
    reason = "channel_not_accepted"


class UnknownAction(ThreadaError, core.BadRequest):
    reason = "unknown_action"


class UnknownIntegration(ThreadaError, core.BadRequest):
    reason = "unknown_integration"


class EvidenceRequired(ThreadaError, core.BadRequest):
    reason = "evidence_required"


class InvalidPageToken(ThreadaError, core.BadRequest):
    reason = "invalid_page_token"


class InvalidTimeWindow(ThreadaError, core.BadRequest):
    reason = "invalid_time_window"


class WindowUnbounded(ThreadaError, core.BadRequest):
    reason = "window_unbounded"


class WindowTooWide(ThreadaError, core.BadRequest):
    reason = "window_too_wide"


class InvalidIdempotencyKey(ThreadaError, core.BadRequest):
    reason = "invalid_idempotency_key"


class UnknownScenario(ThreadaError, core.BadRequest):
    reason = "unknown_scenario"


class WorkItemNotFound(ThreadaError, core.NotFound):
    reason = "work_item_not_found"


class ExecutionNotFound(ThreadaError, core.NotFound):
    reason = "execution_not_found"


class IdempotencyKeyReused(ThreadaError, core.Conflict):
    reason = "idempotency_key_reused"


# -- authorization ---------------------------------------------------------------------------


class MissingCredentials(ThreadaError, core.Unauthorized):
    category, reason = AUTHORIZATION, "missing_credentials"


class InvalidCredentials(ThreadaError, core.Unauthorized):
    category, reason = AUTHORIZATION, "invalid_credentials"


class MissingScope(ThreadaError, core.Forbidden):
    category, reason = AUTHORIZATION, "missing_scope"


class TenantContextRequired(ThreadaError, core.Forbidden):
    category, reason = AUTHORIZATION, "tenant_context_required"


class TenantNotPermitted(ThreadaError, core.Forbidden):
    category, reason = AUTHORIZATION, "tenant_not_permitted"


# -- policy ----------------------------------------------------------------------------------


class ActionNotInPolicy(ThreadaError, core.Forbidden):
    category, reason = POLICY, "action_not_in_policy"


class ActionDenied(ThreadaError, core.Forbidden):
    category, reason = POLICY, "action_denied"


class IntegrationNotPermitted(ThreadaError, core.Forbidden):
    category, reason = POLICY, "integration_not_permitted"


class ApprovalRequired(ThreadaError, core.Forbidden):
    category, reason = POLICY, "approval_required"


class WorkItemNotActionable(ThreadaError, core.Forbidden):
    category, reason = POLICY, "work_item_not_actionable"


# -- execution -------------------------------------------------------------------------------


class IntegrationDisabled(ThreadaError, core.ServiceUnavailable):
    category, reason = EXECUTION, "integration_disabled"
