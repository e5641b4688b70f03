"""What the inspector and the control plane see of any API's resources, whatever the API."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

T = TypeVar("T")
MAX_PAGE = 500


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


@dataclass(frozen=True)
class ActionView:
    """A lifecycle action a person may take on a resource from the inspector.

    `name` is what `ApiRuntime.perform` takes; `label` is the button's text. `reason` says why
    the action is not allowed from the current status (shown beside the disabled button), or
    what it does when it is allowed. `text` labels the one line of text the action carries (a
    reply, a reason, evidence), None when it carries none; `text_required` says the API
    refuses it without one.
    """

    name: str
    label: str
    allowed: bool
    reason: str = ""
    text: str | None = None
    text_required: bool = False


@dataclass(frozen=True)
class Note:
    """Something an API tells about a resource besides its transitions: a message, a file, a
    step its simulated agent has taken or will take.

    `at` None means the API keeps no time for it (a message): such notes are shown in order,
    apart from the timeline. `upcoming` marks what is planned for `at` and has not happened.
    """

    kind: str  # message, file, step, ...
    text: str
    at: datetime | None = None
    actor: str | None = None  # agent, client, system, or a message's role
    upcoming: bool = False


@dataclass(frozen=True)
class ResourcePage:
    """One newest-first page of resources; `more` says whether older ones match too."""

    views: list[ResourceView]
    more: bool


@dataclass(frozen=True)
class ResourceQuery:
    """Which resources the inspector lists: each filter is an exact value, `text` a part of
    the id or the name in any case; `after` continues after that resource id."""

    status: str | None = None
    agent: str | None = None
    tenant: str | None = None
    text: str | None = None
    after: str | None = None
    limit: int = 50

    def matches(
        self, resource_id: str, name: str | None, status: str, agent: str | None, tenant: str | None
    ) -> bool:
        needle = self.text.casefold() if self.text else None
        return (
            (self.status is None or status == self.status)
            and (self.agent is None or agent == self.agent)
            and (self.tenant is None or tenant == self.tenant)
            and (
                needle is None
                or needle in resource_id.casefold()
                or needle in (name or "").casefold()
            )
        )

    def walk(
        self,
        newest_first: Iterable[T],
        key: Callable[[T], str],
        matches: Callable[[T], bool],
    ) -> tuple[list[T], bool]:
        """The page of `newest_first` records (their ids from `key`) after `after` for which
        `matches` holds, and whether more follow. Only the page is kept, so an API can walk
        its raw records and build views for the page alone."""
        limit = max(1, min(self.limit, MAX_PAGE))
        found: list[T] = []
        skipping = self.after is not None
        for record in newest_first:
            if skipping:
                skipping = key(record) != self.after
                continue
            if not matches(record):
                continue
            if len(found) == limit:
                return found, True
            found.append(record)
        return found, False

    def page_of(self, views: Iterable[ResourceView]) -> ResourcePage:
        """The page of already built views (newest first): the interface's default."""
        chosen, more = self.walk(
            views,
            lambda v: v.resource_id,
            lambda v: self.matches(v.resource_id, v.name, v.status, v.agent, v.tenant),
        )
        return ResourcePage(chosen, more)
