"""Profiles: a work-item vocabulary, its lifecycle rules and its observable habits, as data.

The documented profile follows the Sema4.ai Work Item API v1 documentation (seed 000); the
platform profile follows the running Sema4.ai agent server (its statuses DRAFT, NEEDS_REVIEW,
ERROR, INDETERMINATE, its 400-versus-412 split, UUID ids, callbacks at the end of a run). The
two are instances of one class: the service, engine and HTTP layer read these fields and never
ask which profile they serve.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from mock_server.apis.sema4.domain.fields import (
    DOCUMENTED_CALLBACK_FIELDS,
    DOCUMENTED_ITEM_FIELDS,
    PLATFORM_CALLBACK_FIELDS,
    PLATFORM_ITEM_FIELDS,
)
from mock_server.core.errors import BadRequest
from mock_server.core.lifecycle import Rule, TransitionTable

HUMAN, AGENT, SYSTEM = "HUMAN", "AGENT", "SYSTEM"  # who moved a status (status_updated_by)


@dataclass(frozen=True)
class Effect:
    """What an action does besides changing the status."""

    queues_run: bool = False  # the agent runs the item again
    resets_conversation: bool = False  # initial messages back, thread and completion cleared
    stops_run: bool = False  # the agent's current run is abandoned (its steps are dropped)
    actor: str = HUMAN  # recorded as status_updated_by when the action moves the status


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
    completed_status: str = "COMPLETED"  # reaching it records completed_by
    # An illegal move is the table's IllegalMove (412) unless its action is listed here with
    # the message of the 400 the profile answers instead ({status} is the current status).
    bad_request_refusals: Mapping[str, str] = field(default_factory=dict)
    not_found_message: str = "Work item {work_item_id} not found."
    uuid_ids: bool = False  # ids must parse as UUIDs, else 400 `Invalid UUID: <value>`
    owner_user_id: str | None = None  # every item's user_id; None: the caller's
    item_fields: tuple[str, ...] = DOCUMENTED_ITEM_FIELDS  # a WorkItem on the wire, in order
    url_needs_thread: bool = False  # work_item_url is null until a run has a thread, and in
    # the answers of writes
    cancel_says_cancelled: bool = False  # cancel answers whether a running agent was stopped
    envelope: str = "documented"  # the error envelope: "documented" or "platform"
    base_path: str = "/api/v1"  # the prefix a client is pointed at
    # Callbacks: the status a callback without on_status is for (None: on_status required),
    # whether URLs must be absolute http(s), when they fire (False: on every status reached;
    # True: once, at the end of an agent run), how often they are retried (None: the
    # emulator's setting) and the fields of their body, in order.
    callback_default_status: str | None = None
    callback_urls_checked: bool = True
    callbacks_at_run_end: bool = False
    callback_retries: int | None = None
    callback_fields: tuple[str, ...] = DOCUMENTED_CALLBACK_FIELDS
    agentless_scenario: str | None = None  # what a run of an item without an agent plays

    def effect(self, action: str) -> Effect:
        return self.effects.get(action, Effect())

    def agent_action_to(self, status: str) -> str | None:
        """The agent action that ends in `status`, if the agent may reach it."""
        for action in self.agent_actions:
            if self.table.rule(action).target == status:
                return action
        return None

    def target(self, action: str, status: str) -> str:
        """Where `action` leads from `status`, or the error this profile answers if nowhere."""
        refusal = self.bad_request_refusals.get(action)
        if refusal is not None and not self.table.allows(action, status):
            rule = self.table.rule(action)
            raise BadRequest(
                refusal.format(status=status),
                field="status",
                issue=f"{action} is allowed from {', '.join(sorted(rule.sources))}",
            )
        return self.table.target(action, status)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


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
        "agent_start": Effect(actor=SYSTEM),
        "agent_pause": Effect(actor=AGENT),
        "agent_complete": Effect(actor=AGENT),
        "agent_fail": Effect(actor=AGENT),
    },
    agent_actions=("agent_start", "agent_pause", "agent_complete", "agent_fail"),
)

# FIDELITY: sema4-platform-behaviour.md §5.2 (state_machine.py) and the endpoint matrix of §5.3:
# restart is refused only from DRAFT and PENDING (it cancels a running task), files and
# finalising refuse with 400, every other illegal move is 412.
PLATFORM = Profile(
    name="platform",
    statuses=_words("DRAFT PENDING EXECUTING NEEDS_REVIEW COMPLETED ERROR CANCELLED INDETERMINATE"),
    callback_statuses=("COMPLETED", "ERROR", "NEEDS_REVIEW", "CANCELLED", "INDETERMINATE"),
    stub_status="DRAFT",
    queued_status="PENDING",
    running_status="EXECUTING",
    table=TransitionTable(
        "work item",
        [
            _rule("finalize", "DRAFT", "PENDING"),
            _rule("attach_file", "DRAFT", "DRAFT", "attach a file to"),
            _rule(
                "continue", "DRAFT NEEDS_REVIEW INDETERMINATE COMPLETED ERROR CANCELLED", "PENDING"
            ),
            _rule(
                "restart",
                "EXECUTING NEEDS_REVIEW INDETERMINATE COMPLETED ERROR CANCELLED",
                "PENDING",
            ),
            _rule("cancel", "DRAFT PENDING EXECUTING", "CANCELLED"),
            _rule("complete", "EXECUTING NEEDS_REVIEW INDETERMINATE ERROR CANCELLED", "COMPLETED"),
            _rule("agent_start", "PENDING", "EXECUTING", "start"),
            _rule("agent_review", "EXECUTING", "NEEDS_REVIEW", "send for review"),
            _rule("agent_complete", "EXECUTING", "COMPLETED", "complete"),
            _rule("agent_error", "EXECUTING", "ERROR", "fail"),
            _rule("agent_indeterminate", "EXECUTING", "INDETERMINATE", "judge"),
        ],
    ),
    effects={
        "create": Effect(queues_run=True),
        "finalize": Effect(queues_run=True),
        "continue": Effect(queues_run=True),
        "restart": Effect(queues_run=True, resets_conversation=True, stops_run=True),
        "cancel": Effect(stops_run=True),  # the slot executor kills the task: no callback
        "agent_start": Effect(actor=SYSTEM),  # claimed by the worker
        "agent_review": Effect(actor=AGENT),
        "agent_complete": Effect(actor=AGENT),
        "agent_error": Effect(actor=AGENT),
        "agent_indeterminate": Effect(actor=AGENT),
    },
    agent_actions=_words("agent_start agent_review agent_complete agent_error agent_indeterminate"),
    bad_request_refusals={
        "attach_file": "Files can only be attached to work-items in the DRAFT state. "
        "Currently in {status}",
        "finalize": "Work item has been previously started. Currently in {status}",
    },
    not_found_message="A work item with the given ID was not found",
    uuid_ids=True,
    # INFERRED: the id of the system user `tenant:work-items:system:system_user` that owns
    # every item on the platform (a uuid5 of that subject; the real one is a database row).
    owner_user_id="397653d3-7e41-5a9c-9ad0-b078f7629f34",
    item_fields=PLATFORM_ITEM_FIELDS,
    url_needs_thread=True,
    cancel_says_cancelled=True,
    envelope="platform",
    base_path="/api/public/v1",
    callback_default_status="NEEDS_REVIEW",
    callback_urls_checked=False,
    callbacks_at_run_end=True,
    callback_retries=0,
    callback_fields=PLATFORM_CALLBACK_FIELDS,
    agentless_scenario="fail",  # §3.6: a DRAFT continued without an agent fails when it runs
)

CLIENT_ACTIONS = ("continue", "restart", "cancel", "complete")

PROFILES: dict[str, Profile] = {p.name: p for p in (DOCUMENTED, PLATFORM)}
