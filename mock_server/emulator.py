"""The composition root: the shared parts of one emulator and every API it hosts."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path

from mock_server.core.clock import Clock
from mock_server.core.ids import IdFactory
from mock_server.core.scheduler import Scheduler
from mock_server.hosting.plugin import ApiPlugin, ApiRuntime
from mock_server.hosting.registry import chosen
from mock_server.hosting.services import Services
from mock_server.http.faults import FaultBook
from mock_server.http.journal import Journal
from mock_server.resources import default_fixtures_dir
from mock_server.settings import Settings
from mock_server.webhooks.addresses import SelfAddress
from mock_server.webhooks.dispatcher import Dispatcher, RetryPolicy
from mock_server.webhooks.egress import EgressPolicy
from mock_server.webhooks.inboxes import InboxRegistry
from mock_server.webhooks.transport import (
    HttpTransport,
    InboxTransport,
    RoutingTransport,
    Transport,
)


class ProfileError(ValueError):
    """A profile asked for that the API does not have; the message lists the ones it has."""


def profile_for(plugin: ApiPlugin, settings: Settings) -> str:
    wanted = dict(settings.profiles).get(plugin.name, plugin.profiles[0])
    if wanted not in plugin.profiles:
        raise ProfileError(
            f"API {plugin.name!r} has no profile {wanted!r}; it has {', '.join(plugin.profiles)}"
        )
    return wanted


def fixtures_dir_for(plugin: ApiPlugin, settings: Settings) -> Path:
    """`<--fixtures>/<api>` when the user's directory has one, else the bundled fixtures."""
    if settings.fixtures_dir is not None and (settings.fixtures_dir / plugin.name).is_dir():
        return settings.fixtures_dir / plugin.name
    return default_fixtures_dir() / plugin.name


class Emulator:
    """Everything one running emulator knows; lives on its Flask app, never in a global."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock | None = None,
        transport: Transport | None = None,
        plugins: Sequence[ApiPlugin] | None = None,
    ) -> None:
        self.settings = settings
        self.clock = clock or Clock(settings.clock_mode, speed=settings.clock_speed)
        self.ids = IdFactory(settings.seed)
        self._error_ids = IdFactory()
        self.scheduler = Scheduler(self.clock)
        self.journal = Journal()
        # With an admin token, only the admin creates inboxes (anonymous senders post to them).
        self.inboxes = InboxRegistry(open_creation=not settings.admin_token)
        own = SelfAddress(settings.host, settings.port, settings.public_url)
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
        self.apis: dict[str, ApiRuntime] = {}
        for plugin in chosen(settings.apis) if plugins is None else plugins:
            self.apis[plugin.name] = plugin.build(self._services_for(plugin))
        self.faults = FaultBook("|".join(f"(?:{a.prefix_pattern})" for a in self.apis.values()))
        self.inboxes.schemes = tuple(s for a in self.apis.values() for s in a.signature_schemes())
        self._on_stop: list[Callable[[], None]] = []

    def on_stop(self, action: Callable[[], None]) -> None:
        """Run `action` when the emulator stops (after its APIs and the scheduler)."""
        self._on_stop.append(action)

    def _services_for(self, plugin: ApiPlugin) -> Services:
        return Services(
            settings=self.settings,
            clock=self.clock,
            ids=self.ids,
            scheduler=self.scheduler,
            dispatcher=self.dispatcher,
            inboxes=self.inboxes,
            fixtures_dir=fixtures_dir_for(plugin, self.settings),
            profile=profile_for(plugin, self.settings),
            forget_resource=self.forget_resource,
            new_error_id=self.new_error_id,
        )

    def forget_resource(self, resource_id: str) -> None:
        """A resource was deleted: no journal entry links to it, no webhook of it goes out."""
        self.journal.unlink(resource_id)
        self.dispatcher.drop(resource_id)

    @property
    def default_api(self) -> ApiRuntime:
        """The first API served (by rank): it answers paths no API claims."""
        return next(iter(self.apis.values()))

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Every API's lock, always in the same order: nothing moves while it is held."""
        with ExitStack() as stack:
            for api in self.apis.values():
                stack.enter_context(api.lock)
            yield

    def reset(self) -> None:
        """Back to the fixtures: no resources, uploads, deliveries, inboxes or scheduled steps;
        ids start over; the clock keeps its time."""
        with self.locked():
            self.scheduler.clear()
            self.dispatcher.clear()
            # The configured seed, not one a loaded fixture set or state brought: a plain reset
            # after `reset {"fixture_set": ...}` repeats the `--seed` run's ids.
            self.ids.reseed(self.settings.seed, {})
            self.inboxes.clear()
            self.journal.clear()
            self.faults.clear()
            for api in self.apis.values():
                api.reset()

    def start(self) -> None:
        """Start background work (the real-time scheduler); tests on manual time skip it."""
        self.scheduler.start()
        for api in self.apis.values():
            api.start()

    def stop(self) -> None:
        for api in self.apis.values():
            api.stop()
        self.scheduler.stop()
        self.dispatcher.close()
        for action in self._on_stop:
            action()

    def find(self, resource_id: str) -> ApiRuntime | None:
        """The API holding a resource with this id (ids are unique across APIs)."""
        return next((api for api in self.apis.values() if api.view(resource_id)), None)

    def new_error_id(self) -> str:
        # From a stream no reset, seed or imported state rewinds: an error id quoted in a
        # report must name one error, never also a later one.
        return self._error_ids.uuid("error")
