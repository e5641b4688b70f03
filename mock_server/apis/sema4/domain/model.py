"""Work items and what hangs off them, as immutable values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mock_server.core.principal import Principal

__all__ = ["Agent", "Callback", "PendingUpload", "Principal", "StoredFile", "WorkItem"]

Json = Any
JsonObject = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Agent:
    agent_id: str
    name: str
    scenario: str = "complete"
    tenants: frozenset[str] | None = None  # None: visible in every tenant
    description: str = ""
    mode: str = "worker"  # the platform's agent mode: "worker" agents take work items

    def visible_in(self, tenant_id: str) -> bool:
        return self.tenants is None or tenant_id in self.tenants


@dataclass(frozen=True, slots=True)
class Callback:
    url: str
    on_status: str
    signature_secret: str | None = None


@dataclass(frozen=True, slots=True)
class StoredFile:
    file_id: str
    file_ref: str  # the file name
    content_type: str
    content: bytes = field(repr=False)
    uploaded_at: datetime

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass(frozen=True, slots=True)
class PendingUpload:
    """A remote upload promised by `upload-file`: bytes arrive at its URL, then get confirmed."""

    file_id: str
    file_ref: str
    work_item_id: str
    tenant_id: str
    token: str
    content: bytes | None = field(default=None, repr=False)
    content_type: str = "application/octet-stream"


@dataclass(frozen=True, slots=True)
class WorkItem:
    work_item_id: str
    tenant_id: str
    status: str
    agent_id: str | None
    created_by: str
    user_id: str
    created_at: datetime
    updated_at: datetime
    status_updated_at: datetime
    work_item_name: str | None = None
    payload: JsonObject = field(default_factory=dict)
    initial_messages: tuple[JsonObject, ...] = ()
    messages: tuple[JsonObject, ...] = ()
    callbacks: tuple[Callback, ...] = ()
    files: tuple[StoredFile, ...] = ()
    thread_id: str | None = None
    run: int = 0  # how many times an agent run was requested; 0 until first queued
    scenario: str | None = None
    status_updated_by: str = "HUMAN"  # HUMAN, AGENT or SYSTEM: who made the last status move
    completed_by: str | None = None  # HUMAN or AGENT once completed; cleared by restart

    @property
    def display_name(self) -> str | None:
        """The name clients see: the given one, else `Work Item <id>` once it has an agent.

        FIDELITY: the platform names items `Work Item <id>` by default (stubs from upload-file
        stay unnamed until finalized). The default is derived, not stored: 100k items would
        otherwise carry 100k copies of a string that says nothing new.
        """
        if self.work_item_name is not None or self.agent_id is None:
            return self.work_item_name
        return f"Work Item {self.work_item_id}"

    def file_named(self, name: str) -> StoredFile | None:
        return next((f for f in self.files if f.file_ref == name), None)
