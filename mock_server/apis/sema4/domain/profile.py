"""Profiles: a work-item vocabulary and its lifecycle rules, kept as data.

The documented profile follows the Sema4.ai Work Item API v1 documentation (seed 000). A later
profile adds the real platform's vocabulary (DRAFT, NEEDS_REVIEW, ERROR, ...) as another
instance of the same class, not as conditionals in the service.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from mock_server.core.lifecycle import Rule, TransitionTable


@dataclass(frozen=True)
class Effect:
    """What an action does besides changing the status."""

    queues_run: bool = False  # the agent runs the item again
    resets_conversation: bool = False  # messages go back to the initial ones, thread cleared


@dataclass(frozen=True)
class Profile:
    name: str
    statuses: tuple[str, ...]
    callback_statuses: tuple[str, ...]
    stub_status: str  # what upload-file creates
    queued_status: str  # what the agent picks up
    running_status: str  # while the agent runs
    table: TransitionTable
    effects: Mapping[str, Effect] = field(default_factory=dict)
    agent_actions: tuple[str, ...] = ()  # actions the simulated agent takes, never a client

    def effect(self, action: str) -> Effect:
        return self.effects.get(action, Effect())

    def agent_action_to(self, status: str) -> str | None:
        """The agent action that ends in `status`, if the agent may reach it."""
        for action in self.agent_actions:
            if self.table.rule(action).target == status:
                return action
        return None


def _rule(action: str, sources: str, target: str, verb: str | None = None) -> Rule:
    return Rule(action, frozenset(sources.split()), target, verb or action)


DOCUMENTED = Profile(
    name="documented",
    statuses=("PRECREATED", "PENDING", "EXECUTING", "PAUSED", "COMPLETED", "FAILED", "CANCELLED"),
    callback_statuses=("PENDING", "EXECUTING", "PAUSED", "COMPLETED", "FAILED", "CANCELLED"),
    stub_status="PRECREATED",
    queued_status="PENDING",
    running_status="EXECUTING",
    table=TransitionTable(
        "work item",
        [
            _rule("finalize", "PRECREATED", "PENDING"),
            _rule("attach_file", "PRECREATED", "PRECREATED", "attach a file to"),
            _rule("continue", "PAUSED FAILED CANCELLED", "PENDING"),
            _rule("restart", "EXECUTING PAUSED COMPLETED FAILED CANCELLED", "PENDING"),
            _rule("cancel", "PRECREATED PENDING EXECUTING PAUSED", "CANCELLED"),
            _rule("complete", "EXECUTING PAUSED FAILED CANCELLED", "COMPLETED"),
            _rule("agent_start", "PENDING", "EXECUTING", "start"),
            _rule("agent_pause", "EXECUTING", "PAUSED", "pause"),
            _rule("agent_complete", "EXECUTING", "COMPLETED", "complete"),
            _rule("agent_fail", "EXECUTING", "FAILED", "fail"),
        ],
    ),
    effects={
        "create": Effect(queues_run=True),
        "finalize": Effect(queues_run=True),
        "continue": Effect(queues_run=True),
        "restart": Effect(queues_run=True, resets_conversation=True),
    },
    agent_actions=("agent_start", "agent_pause", "agent_complete", "agent_fail"),
)

CLIENT_ACTIONS = ("continue", "restart", "cancel", "complete")

PROFILES: dict[str, Profile] = {DOCUMENTED.name: DOCUMENTED}
