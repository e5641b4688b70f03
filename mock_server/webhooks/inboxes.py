"""The emulator's named capture inboxes, created on first use and bounded in number."""

from __future__ import annotations

import re
import threading

from mock_server.core.errors import BadRequest, NotFound, TooManyRequests
from mock_server.webhooks.inbox import Inbox, InboxConfig
from mock_server.webhooks.signing import SignatureScheme

MAX_INBOXES = 100
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def check_name(name: str) -> str:
    if not NAME.fullmatch(name):
        raise BadRequest(
            f"Invalid inbox name {name!r}.",
            field="name",
            issue="use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit",
        )
    return name


class InboxRegistry:
    """Every inbox of one emulator; `clear()` is part of the emulator's reset.

    `open_creation`: any request (a capture, a delivery, a read) creates an inbox it names.
    Without it (the control plane has an admin token) only `configure`, an admin call, does:
    anonymous senders can then post only to inboxes the admin made, and cannot take the
    inbox cap from the admin by posting to a hundred fresh names.
    """

    def __init__(self, limit: int = MAX_INBOXES, *, open_creation: bool = True) -> None:
        self._limit = limit
        self.schemes: tuple[SignatureScheme, ...] = ()  # every hosted API's, set at start
        self._open = open_creation
        self._inboxes: dict[str, Inbox] = {}
        self._lock = threading.Lock()

    def get(self, name: str, *, create: bool | None = None) -> Inbox:
        """The inbox called `name`; a new one is created when `create` (by default, when
        creation is open), else NotFound."""
        check_name(name)
        with self._lock:
            inbox = self._inboxes.get(name)
            if inbox is None:
                if not (self._open if create is None else create):
                    raise NotFound(
                        f"No inbox {name!r}; the admin creates it with PUT /_mock/inbox/{name}.",
                        field="name",
                        issue="inboxes are created with the admin token",
                    )
                if len(self._inboxes) >= self._limit:
                    # A bound, so a sender looping over fresh names cannot exhaust memory.
                    raise TooManyRequests(
                        f"At most {self._limit} inboxes exist at once; "
                        "POST /_mock/reset to remove them.",
                        field="name",
                    )
                inbox = self._inboxes[name] = Inbox(name, schemes=self.schemes)
            return inbox

    def configure(self, name: str, config: InboxConfig) -> Inbox:
        inbox = self.get(name, create=True)
        inbox.configure(config)
        return inbox

    def all(self) -> list[Inbox]:
        with self._lock:
            return sorted(self._inboxes.values(), key=lambda inbox: inbox.name)

    def clear(self) -> None:
        with self._lock:
            self._inboxes.clear()

    def restore(self, inboxes: list[Inbox]) -> None:
        """Replace every inbox (from a snapshot)."""
        with self._lock:
            self._inboxes = {inbox.name: inbox for inbox in inboxes}
            for inbox in inboxes:
                inbox.schemes = self.schemes
