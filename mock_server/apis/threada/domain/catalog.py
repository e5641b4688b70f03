"""What the fixtures configure: workflows, channels, actions, integrations and policies."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from mock_server.apis.threada.domain.errors import (
    ChannelNotAccepted,
    ChannelRequired,
    UnknownAction,
    UnknownChannel,
    UnknownIntegration,
    UnknownWorkflow,
)
from mock_server.apis.threada.domain.model import PolicyRef


@dataclass(frozen=True, slots=True)
class Channel:
    channel_id: str
    name: str
    kind: str  # web_chat, email, form, api


@dataclass(frozen=True, slots=True)
class Workflow:
    workflow_id: str
    name: str
    policy_set: str
    scenario: str  # the simulated decisioning its work items get by default
    channels: frozenset[str] | None = None  # None: any channel
    channel_required: bool = False


@dataclass(frozen=True, slots=True)
class Action:
    action_id: str
    name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Integration:
    """Where actions run. `simulated` plays `outcomes` (one per attempt, the last repeats);
    `webhook` POSTs each attempt to `url` through the shared dispatcher."""

    integration_id: str
    name: str
    kind: str  # simulated | webhook
    url: str | None = None
    latency_seconds: float = 1.0
    outcomes: tuple[str, ...] = ("succeeded",)  # succeeded | retryable_failure | failure
    max_attempts: int = 3
    backoff_seconds: float = 2.0
    enabled: bool = True

    def outcome_of(self, attempt: int) -> str:
        return self.outcomes[min(attempt, len(self.outcomes)) - 1]

    def backoff_before(self, attempt: int) -> float:
        """Seconds to wait before attempt number `attempt` (2, 3, ...): doubling."""
        return float(self.backoff_seconds * 2 ** (attempt - 2))


@dataclass(frozen=True, slots=True)
class PolicyRule:
    """How the policy treats one action: run it (`allow`), only once a person approved the
    work item (`require_approval`), or never (`deny`); optionally only on some integrations."""

    effect: str
    integrations: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Policy:
    policy_set: str
    version: str
    scope: str = "workflow"
    rules: Mapping[str, PolicyRule] = field(default_factory=dict)

    @property
    def ref(self) -> PolicyRef:
        return PolicyRef(self.policy_set, self.version, self.scope)


def _listing(names: Mapping[str, object]) -> str:
    return ", ".join(sorted(names)) or "(none)"


@dataclass(frozen=True)
class Catalog:
    """The configured world every tenant shares; lookups fail with validation errors."""

    workflows: Mapping[str, Workflow]
    channels: Mapping[str, Channel]
    actions: Mapping[str, Action]
    integrations: Mapping[str, Integration]
    policies: Mapping[str, Policy]

    def workflow(self, workflow_id: str) -> Workflow:
        found = self.workflows.get(workflow_id)
        if found is None:
            raise UnknownWorkflow(
                f"Unknown workflow {workflow_id!r}; known: {_listing(self.workflows)}.",
                field="body.workflow_id",
                issue=f"no workflow {workflow_id!r}",
            )
        return found

    def intake_channel(self, workflow: Workflow, channel_id: str | None) -> str | None:
        """The channel a new work item of `workflow` comes in on, checked."""
        if channel_id is None:
            if workflow.channel_required:
                raise ChannelRequired(
                    f"Workflow {workflow.workflow_id} requires channel_id.",
                    field="body.channel_id",
                    issue="required by the workflow",
                )
            return None
        if channel_id not in self.channels:
            raise UnknownChannel(
                f"Unknown channel {channel_id!r}; known: {_listing(self.channels)}.",
                field="body.channel_id",
                issue=f"no channel {channel_id!r}",
            )
        if workflow.channels is not None and channel_id not in workflow.channels:
            raise ChannelNotAccepted(
                f"Workflow {workflow.workflow_id} takes no intake from channel {channel_id}; "
                f"it accepts {', '.join(sorted(workflow.channels))}.",
                field="body.channel_id",
                issue=f"not a channel of workflow {workflow.workflow_id}",
            )
        return channel_id

    def action(self, action_id: str) -> Action:
        found = self.actions.get(action_id)
        if found is None:
            raise UnknownAction(
                f"Unknown action {action_id!r}; known: {_listing(self.actions)}.",
                field="body.action_id",
                issue=f"no action {action_id!r}",
            )
        return found

    def integration(self, integration_id: str) -> Integration:
        found = self.integrations.get(integration_id)
        if found is None:
            raise UnknownIntegration(
                f"Unknown integration {integration_id!r}; known: {_listing(self.integrations)}.",
                field="body.integration_id",
                issue=f"no integration {integration_id!r}",
            )
        return found

    def policy_of(self, workflow: Workflow) -> Policy:
        return self.policies[workflow.policy_set]  # the fixtures loader checked it exists
