"""What the inspector and the control plane see of any API's resources, whatever the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Transition:
    """One status change of a resource; `actor` is agent, client or system."""

    at: datetime
    previous: str | None
    status: str
    action: str
    actor: str = "system"


@dataclass(frozen=True)
class ResourceView:
    """A resource as the API-neutral pages show it."""

    api: str
    kind: str  # "work item", "task", ...
    resource_id: str
    status: str
    created_at: datetime
    updated_at: datetime
    name: str | None = None
    tenant: str | None = None
    agent: str | None = None
    scenario: str | None = None
    document: dict[str, Any] = field(default_factory=dict)  # the API's own JSON of it
