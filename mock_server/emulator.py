"""The composition root: one emulator instance with its clock, ids, fixtures and services."""

from __future__ import annotations

from mock_server.api.paths import API_PREFIX_PATTERN
from mock_server.core.clock import Clock
from mock_server.core.ids import IdFactory
from mock_server.core.openapi import Contract, load_contract
from mock_server.core.scheduler import Scheduler
from mock_server.engine.callbacks import CallbackNotifier
from mock_server.engine.history import StatusHistory
from mock_server.engine.simulator import AgentSimulator
from mock_server.fixtures import FixtureSet, load_fixtures
from mock_server.http.auth import KeyRing
from mock_server.http.faults import FaultBook
from mock_server.http.journal import Journal
from mock_server.resources import default_fixtures_dir, openapi_path
from mock_server.settings import Settings
from mock_server.webhooks.addresses import SelfAddress
from mock_server.webhooks.dispatcher import Dispatcher, RetryPolicy
from mock_server.webhooks.egress import EgressPolicy
from mock_server.webhooks.inboxes import InboxRegistry
from mock_server.webhooks.signing import SEMA4
from mock_server.webhooks.transport import (
    HttpTransport,
    InboxTransport,
    RoutingTransport,
    Transport,
)
from mock_server.workitems.agents import AgentDirectory
from mock_server.workitems.files import FileService
from mock_server.workitems.model import WorkItem
from mock_server.workitems.profile import DOCUMENTED, Profile
from mock_server.workitems.service import WorkItemService
from mock_server.workitems.urls import work_item_url


class Emulator:
    """Everything one running emulator knows; lives on its Flask app, never in a global."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock | None = None,
        fixtures: FixtureSet | None = None,
        contract: Contract | None = None,
        profile: Profile = DOCUMENTED,
        transport: Transport | None = None,
    ) -> None:
        self.settings = settings
        self.clock = clock or Clock(settings.clock_mode, speed=settings.clock_speed)
        self.ids = IdFactory(settings.seed)
        self._error_ids = IdFactory()
        self.contract = contract or load_contract(openapi_path())
        self.profile = profile
        self.fixtures = fixtures or load_fixtures(
            settings.fixtures_dir or default_fixtures_dir(), profile
        )
        self.agents = AgentDirectory(self.fixtures.agents)
        self.keys = KeyRing(self.fixtures.keys)
        self.items = WorkItemService(profile, self.clock, self.ids, self.agents)
        self.files = FileService(self.items, settings.max_file_bytes)
        self.scheduler = Scheduler(self.clock)
        self.history = StatusHistory(self.items)
        self.simulator = AgentSimulator(
            self.items, self.scheduler, {s.name: s for s in self.fixtures.scenarios}
        )
        # With an admin token, only the admin creates inboxes (anonymous senders post to them).
        self.inboxes = InboxRegistry(open_creation=not settings.admin_token)
        own = SelfAddress(settings.host, settings.port, settings.public_url)
        self.journal = Journal()
        self.faults = FaultBook(API_PREFIX_PATTERN)
        self.dispatcher = Dispatcher(
            clock=self.clock,
            ids=self.ids,
            scheduler=self.scheduler,
            transport=RoutingTransport(
                InboxTransport(own, self.inboxes, self.clock.now),
                transport or HttpTransport(),
            ),
            egress=EgressPolicy(
                settings.webhook_allow, lambda url: own.inbox_name(url) is not None
            ),
            policy=RetryPolicy(
                settings.webhook_retries,
                settings.webhook_backoff_seconds,
                settings.webhook_timeout_seconds,
            ),
        )
        self.callbacks = CallbackNotifier(self.items, self.dispatcher, SEMA4, self.url_of)

    def url_of(self, item: WorkItem) -> str:
        return work_item_url(item, self.settings.work_item_url_template, self.settings.base_url)

    def reset(self) -> None:
        """Back to the fixtures: no work items, uploads, deliveries, inboxes or scheduled steps;
        ids start over; the clock keeps its time."""
        with self.items.lock:
            self.scheduler.clear()
            self.simulator.clear()
            self.simulator.scenarios = {s.name: s for s in self.fixtures.scenarios}
            self.items.clear()
            self.files.clear()
            self.dispatcher.clear()
            self.agents.replace_all(self.fixtures.agents)
            self.keys.replace_all(self.fixtures.keys)
            self.ids.reset()
            self.inboxes.clear()
            self.journal.clear()
            self.history.clear()
            self.faults.clear()

    def start(self) -> None:
        """Start background work (the real-time scheduler); tests on manual time skip it."""
        self.scheduler.start()

    def stop(self) -> None:
        self.scheduler.stop()
        self.dispatcher.close()

    def status_of(self, work_item_id: str) -> str | None:
        item = self.items.store.get(work_item_id)
        return item.status if item else None

    def new_error_id(self) -> str:
        # From a stream no reset, seed or imported state rewinds: an error id quoted in a
        # report must name one error, never also a later one.
        return self._error_ids.uuid("error")
