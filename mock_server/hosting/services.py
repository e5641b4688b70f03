"""The shared parts the core lends every API: clock, ids, scheduler, webhooks, settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mock_server.core.clock import Clock
from mock_server.core.ids import IdFactory
from mock_server.core.scheduler import Scheduler
from mock_server.settings import Settings
from mock_server.webhooks.dispatcher import Dispatcher
from mock_server.webhooks.inboxes import InboxRegistry


@dataclass(frozen=True)
class Services:
    """What one API is built with; every API of an emulator gets the same instances."""

    settings: Settings
    clock: Clock
    ids: IdFactory
    scheduler: Scheduler
    dispatcher: Dispatcher
    inboxes: InboxRegistry
    fixtures_dir: Path  # this API's fixtures: <--fixtures>/<api> if present, else bundled
    profile: str  # the profile chosen for this API
    # Tell the core a resource is gone (deleted): the journal stops linking to it and its
    # webhooks still waiting are dropped.
    forget_resource: Callable[[str], None] = lambda resource_id: None
    # A fresh error id, from a stream no reset or imported state rewinds.
    new_error_id: Callable[[], str] = lambda: "00000000-0000-4000-8000-000000000000"
