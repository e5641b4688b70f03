"""Accounts, keys and tasks as immutable values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

QuestionContent = str | Mapping[str, Any]  # plain text, or a structured question


@dataclass(frozen=True, slots=True)
class Organization:
    org_id: str
    short_id: str
    name: str


@dataclass(frozen=True, slots=True)
class CreditPlan:
    """How many credits an account may spend per UTC day, and what one task costs."""

    daily_quota: int = 100
    task_cost: int = 10


@dataclass(frozen=True, slots=True)
class Account:
    user_id: str
    email: str
    name: str | None
    organization: Organization | None
    password: str | None = field(default=None, repr=False)  # None: no password login
    scenario: str | None = None  # None: the API's default scenario
    credits: CreditPlan = field(default_factory=CreditPlan)


@dataclass(frozen=True, slots=True)
class KeyRecord:
    """An issued API key, kept only as its digest: the key itself is shown once."""

    digest: str
    prefix: str
    name: str
    user_id: str


@dataclass(frozen=True, slots=True)
class Question:
    message_id: str
    content: QuestionContent
    type: str  # CLARIFYING_QUESTIONS or TO_CUSTOMER


@dataclass(frozen=True, slots=True)
class Proposal:
    """A spec or a solution the agent proposed."""

    message_id: str
    content: str


@dataclass(frozen=True, slots=True)
class ResultFile:
    file_id: str
    name: str
    content: str = field(repr=False)
    content_type: str = "text/plain"


@dataclass(frozen=True, slots=True)
class Event:
    at: datetime
    type: str
    content: str


@dataclass(frozen=True, slots=True)
class Move:
    """One status change of a task, for the inspector's timeline."""

    at: datetime
    previous: str | None
    status: str
    action: str
    actor: str  # agent, client or system


@dataclass(frozen=True, slots=True)
class Task:
    task_id: str
    org_id: str
    user_id: str
    title: str
    description: str
    status: str
    created_at: datetime
    last_activity_at: datetime
    scenario: str
    cursor: int = 0  # the scenario step the agent plays next
    revision: int = 0  # how often the agent revised what it proposed last
    question: Question | None = None
    spec: Proposal | None = None
    solution: Proposal | None = None
    result_text: str | None = None
    files: tuple[ResultFile, ...] = ()
    last_reply: str | None = None
    rejection_reason: str | None = None
    events: tuple[Event, ...] = ()
    moves: tuple[Move, ...] = ()

    def file(self, file_id: str) -> ResultFile | None:
        return next((f for f in self.files if f.file_id == file_id), None)
