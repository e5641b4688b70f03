"""The plug-in interface: what an API gives the shared core, and what the core lends it."""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from mock_server.core.atomic import AtomicLock
from mock_server.core.errors import BadRequest
from mock_server.core.openapi import Contract, Operation
from mock_server.core.principal import Principal
from mock_server.hosting.errors import ErrorStyle
from mock_server.hosting.resources import (
    ActionView,
    Note,
    ResourcePage,
    ResourceQuery,
    ResourceView,
    Transition,
)
from mock_server.hosting.services import Services

if TYPE_CHECKING:
    from flask import Blueprint

    from mock_server.http.operations import Handler
    from mock_server.http.parsing import Limits
    from mock_server.webhooks.forgery import WebhookSample
    from mock_server.webhooks.signing import SignatureScheme


@dataclass(frozen=True)
class Mount:
    """Where an API's operations are served: a Flask URL prefix (it may hold `<converters>`,
    whose values reach `authenticate` as `mount_args`) under a blueprint name unique in the app."""

    prefix: str
    name: str


@dataclass(frozen=True)
class ApiPlugin:
    """The static description of an API: found by the registry, built once per emulator.

    `profiles` lists the variants the API can be served as (the documented API, the real
    platform...), the default first. `rank` orders APIs in banners and listings and decides
    which API answers a path no API claims (the lowest rank among those served).
    """

    name: str
    title: str
    build: Callable[[Services], ApiRuntime]
    profiles: tuple[str, ...] = ("documented",)
    rank: int = 100
    signature_schemes: Mapping[str, SignatureScheme] = field(default_factory=dict)
    sample_webhook: Callable[[WebhookSample], Any] | None = None  # for `send-webhook`
    summary: str = ""


class ApiRuntime(ABC):
    """One API as one emulator hosts it: its state, its routes, and its answers to the core.

    The shared core (routing, journal, faults, snapshots, control plane, inspector) only ever
    talks to an API through these methods, so it never names one.
    """

    plugin: ApiPlugin
    errors: ErrorStyle
    slash_tolerant: Sequence[str] = ()  # contract paths also served with(out) a trailing slash

    def __init__(self, plugin: ApiPlugin, services: Services) -> None:
        self.plugin = plugin
        self.services = services
        # Held by every write and by snapshots, so a snapshot never sees half an action; each
        # locked block is a unit of work (core/atomic.py) that a failure undoes.
        self.lock: AbstractContextManager[Any] = AtomicLock()

    @property
    def name(self) -> str:
        return self.plugin.name

    @property
    def profile_name(self) -> str:
        return self.services.profile

    # -- HTTP --------------------------------------------------------------------------------

    @property
    @abstractmethod
    def contract(self) -> Contract:
        """The contract this runtime routes and validates by (the chosen profile's)."""

    @abstractmethod
    def contract_yaml(self) -> bytes:
        """The contract as served to clients, in YAML."""

    @abstractmethod
    def mounts(self) -> Sequence[Mount]:
        """Where the contract's paths are served; one blueprint registration per mount."""

    @abstractmethod
    def handlers(self) -> Mapping[str, Handler]:
        """One handler per operationId of the contract."""

    @abstractmethod
    def authenticate(
        self, operation: Operation, header: str | None, mount_args: Mapping[str, str]
    ) -> Principal:
        """The caller of `operation`, from its Authorization header; raise to refuse."""

    @abstractmethod
    def claims(self, path: str) -> int:
        """How specifically this API owns `path` (0: not at all; longer matches win). Decides
        whose envelope a 404 or 405 comes in, and lets fault and journal path templates leave
        out the mount prefix."""

    @property
    def prefix_pattern(self) -> str:
        """A regex of every mount prefix (fault and journal templates may leave it out)."""
        return ""

    def limits(self) -> Limits:
        from mock_server.http.parsing import Limits

        settings = self.services.settings
        return Limits(settings.max_body_bytes, settings.max_file_bytes + 64 * 1024)

    def answer_headers(self, status: int) -> Mapping[str, str]:
        """Headers every answer of this API carries, success or error, where the answer has
        not set them itself (a request id, the caller's rate-limit window). Called in the
        request's context, after the view or the error handler."""
        return {}

    def extra_blueprints(self) -> Sequence[Blueprint]:
        """Routes outside the contract the API also serves (download or upload URLs...)."""
        return ()

    def schemathesis_config(self) -> Path | None:
        """The Schemathesis settings for the chosen profile's contract, served beside it at
        /_mock/apis/<name>/schemathesis.toml (the statuses that answer valid input, auth)."""
        return None

    def control_blueprints(self) -> Sequence[Blueprint]:
        """The API's own parts of the `/_mock` control plane."""
        return ()

    def control_contract(self) -> Path | None:
        """The OpenAPI fragment describing `control_blueprints` (merged into /_mock's spec)."""
        return None

    # -- journal and faults ------------------------------------------------------------------

    @abstractmethod
    def resource_of(
        self, view_args: Mapping[str, Any], method: str, status: int, document: object
    ) -> str | None:
        """The id of the resource a request touched (from its path, or a create's answer)."""

    @abstractmethod
    def resource_status(self, resource_id: str) -> str | None:
        """The resource's current status, for fault rules that match on it."""

    def statuses(self) -> tuple[str, ...]:
        """Every status a resource can have: fault rules naming another are refused, and the
        inspector offers them as its status filter (empty: the API does not say)."""
        return ()

    # -- the emulator's life -----------------------------------------------------------------

    @abstractmethod
    def reset(self) -> None:
        """Back to the fixtures: no resources, nothing planned. Ids and the clock are shared
        and reset (or not) by the core."""

    def start(self) -> None:  # noqa: B027 - most APIs need nothing started
        """Start background work; most APIs run on the shared scheduler and need none."""

    def stop(self) -> None:  # noqa: B027
        """Stop what `start` started."""

    # -- snapshots ---------------------------------------------------------------------------

    @abstractmethod
    def export_state(self) -> dict[str, Any]:
        """This API's part of a state document (JSON-ready); taken under `lock`."""

    @abstractmethod
    def prepare_state(self, part: Any) -> Callable[[], None]:
        """Check this API's part of a state document and return what applies it.

        Raise `StateError` (mock_server.hosting.state) naming the field at fault. The function
        returned must not fail: the core checks every part before it applies any, so an import
        is all or nothing across APIs.
        """

    # -- scenarios ---------------------------------------------------------------------------

    @abstractmethod
    def scenarios(self) -> list[dict[str, Any]]:
        """Every scenario the simulated side can play, as the control plane shows them."""

    @abstractmethod
    def put_scenario(self, name: str, document: Any) -> dict[str, Any]:
        """Create or replace a scenario from its JSON form; raise a DomainError naming the
        field when it is not one this API can play."""

    def set_scenario(self, resource_id: str, scenario: str) -> ResourceView:
        """Switch one resource to another scenario (at once if it is still waiting)."""
        raise BadRequest(
            f"API {self.name!r} has no per-resource scenarios.",
            field="scenario",
            issue="scenarios are chosen when the resource is created",
        )

    def legacy_state_part(self, document: Mapping[str, Any]) -> Any:
        """This API's part of a version-1 state document (written when the emulator hosted
        one API, with its sections at the top), or None when the API was not in it."""
        return None

    # -- presentation ------------------------------------------------------------------------

    @abstractmethod
    def describe(self) -> dict[str, Any]:
        """The API in `/_mock/apis`: base URLs, a usable key, agents or accounts, contract."""

    @abstractmethod
    def banner(self) -> list[str]:
        """The lines `serve` prints about this API (base URL, key, agents)."""

    @abstractmethod
    def recent(self, limit: int) -> list[ResourceView]:
        """The newest `limit` resources, newest first (the inspector's overview)."""

    @abstractmethod
    def count(self) -> int:
        """How many resources the API holds."""

    @abstractmethod
    def view(self, resource_id: str) -> ResourceView | None:
        """One resource, from any tenant, for the inspector and `/_mock`."""

    @abstractmethod
    def history(self, resource_id: str) -> list[Transition]:
        """The resource's status transitions, oldest first."""

    def signature_schemes(self) -> Iterable[SignatureScheme]:
        return self.plugin.signature_schemes.values()

    # -- the inspector (each has a default, so an API can start without them) ---------------

    # The module (dotted name) holding the API's inspector functions, each taking the runtime
    # first: browse, notes, actions, perform, delivery_subjects, subject_resource. Those it
    # defines replace the defaults below; imported on first use, as only the inspector needs it.
    inspection: ClassVar[str | None] = None

    def _inspector(self, name: str) -> Callable[..., Any] | None:
        if self.inspection is None:
            return None
        found: Callable[..., Any] | None = getattr(
            importlib.import_module(self.inspection), name, None
        )
        return found

    def browse(self, query: ResourceQuery) -> ResourcePage:
        """One newest-first page of the resources matching `query`, from any tenant.

        The default filters `recent(count())`, which builds a view of every resource: an API
        that can hold many gives its own `browse`, walking its own records with `query.walk`
        and building views for the page alone (the inspector pages through 100k items).
        """
        if own := self._inspector("browse"):
            page: ResourcePage = own(self, query)
            return page
        return query.page_of(self.recent(self.count()))

    def revision(self) -> int:
        """A number that changes whenever any resource is created or changes status, however
        it happened (a request, the simulated agent, the scheduler). The inspector's live
        pages poll it, so it must be cheap: keep a counter bumped by the API's status-change
        listener. The default, `count()`, misses status changes."""
        return self.count()

    def notes(self, resource_id: str) -> list[Note]:
        """What the resource's timeline shows besides requests, transitions and webhooks:
        its messages, files, the simulated agent's next planned step. Default: nothing."""
        own = self._inspector("notes")
        return list(own(self, resource_id)) if own else []

    def delivery_subjects(self, resource_id: str) -> list[str]:
        """The webhook subjects whose deliveries the resource's page shows: its own id by
        default; an API whose webhooks belong to a related record (an execution of the item)
        names those too."""
        own = self._inspector("delivery_subjects")
        return list(own(self, resource_id)) if own else [resource_id]

    def subject_resource(self, subject: str) -> str | None:
        """The resource whose page a delivery about `subject` links to (None: none); the
        subject itself by default."""
        own = self._inspector("subject_resource")
        return own(self, subject) if own else subject

    def actions(self, resource_id: str) -> list[ActionView]:
        """The lifecycle actions a person may take on the resource from the inspector, each
        with whether the API's lifecycle table allows it from the current status (and why
        not). List every client action of the API, allowed or not, so the page can show the
        disabled ones with their reason; an empty list (the default) shows no buttons."""
        own = self._inspector("actions")
        return list(own(self, resource_id)) if own else []

    def perform(self, resource_id: str, action: str, text: str | None = None) -> ResourceView:
        """Run `action` (a name from `actions`) on the resource exactly as the API's own
        client action would: through its service, so the lifecycle table decides, the status
        change is recorded and its webhooks and agent runs follow. `text` is what the person
        typed for an action that carries text (None when nothing was typed). Raise a
        DomainError naming the field or status at fault (IllegalMove when the status does not
        allow it)."""
        if own := self._inspector("perform"):
            view: ResourceView = own(self, resource_id, action, text)
            return view
        raise BadRequest(
            f"API {self.name!r} offers no actions in the inspector.",
            field="action",
            issue=f"{action!r} is not an action of this API",
        )
