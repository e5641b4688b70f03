"""The Sema4 Work Item API as one emulator hosts it: its services, routes and core hooks."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mock_server.apis.sema4.contract import openapi_path, schemathesis_config_path
from mock_server.apis.sema4.domain.agents import AgentDirectory
from mock_server.apis.sema4.domain.files import FileService
from mock_server.apis.sema4.domain.model import WorkItem
from mock_server.apis.sema4.domain.profile import PROFILES, Profile
from mock_server.apis.sema4.domain.service import WorkItemService
from mock_server.apis.sema4.domain.urls import check_url_template, work_item_url
from mock_server.apis.sema4.engine.callbacks import CallbackNotifier
from mock_server.apis.sema4.engine.history import StatusHistory
from mock_server.apis.sema4.engine.simulator import AgentSimulator
from mock_server.apis.sema4.errors import ENVELOPES
from mock_server.apis.sema4.fixtures import FixtureSet, load_fixtures
from mock_server.apis.sema4.http.paths import API_PREFIX_PATTERN, API_PREFIXES
from mock_server.apis.sema4.scenario_docs import put_scenario, scenario_documents
from mock_server.apis.sema4.signing import SEMA4
from mock_server.apis.sema4.views import describe, resource_view
from mock_server.core.openapi import Contract, Operation, load_contract
from mock_server.core.principal import Principal
from mock_server.hosting.plugin import ApiPlugin, ApiRuntime, Mount
from mock_server.hosting.resources import (
    ResourceView,
    Transition,
)
from mock_server.hosting.services import Services
from mock_server.http.auth import KeyRing

if TYPE_CHECKING:
    from flask import Blueprint

    from mock_server.http.operations import Handler

CLAIM = re.compile(rf"{API_PREFIX_PATTERN}(?:/(?:work-items|agents)(?![^/]))?")


def fixtures_dir_of(services: Services, root: Path | None) -> Path:
    """A user's fixtures root written before there were several APIs holds the Sema4 files at
    its top; that layout still works."""
    if root is not None and (root / "agents.yaml").exists():
        return root
    return services.fixtures_dir


class Sema4Runtime(ApiRuntime):
    inspection = "mock_server.apis.sema4.inspection"
    slash_tolerant = ("/work-items",)

    def __init__(self, plugin: ApiPlugin, services: Services) -> None:
        super().__init__(plugin, services)
        self.settings = services.settings
        check_url_template(self.settings.work_item_url_template)
        self.clock, self.ids, self.scheduler = services.clock, services.ids, services.scheduler
        self.profile: Profile = PROFILES[services.profile]
        self.errors = ENVELOPES[self.profile.envelope]
        self.fixtures: FixtureSet = load_fixtures(
            fixtures_dir_of(services, services.settings.fixtures_dir), self.profile
        )
        self.agents = AgentDirectory(self.fixtures.agents)
        self.keys = KeyRing(self.fixtures.keys)
        self.items = WorkItemService(self.profile, self.clock, self.ids, self.agents)
        self.lock = self.items.lock  # the service lock guards every write, so it is the API's
        self.files = FileService(
            self.items, self.settings.max_file_bytes, self.contract.schema("FileName")
        )
        self.status_history = StatusHistory(self.items)
        self.simulator = AgentSimulator(
            self.items, self.scheduler, {s.name: s for s in self.fixtures.scenarios}
        )
        self.callbacks = CallbackNotifier(
            self.items, services.dispatcher, SEMA4, self.url_of, api=self.name
        )
        self._revision = 0  # bumped on every status change, for the inspector's live pages
        self.items.subscribe(self._changed)
        self.items.on_removed(lambda item: services.forget_resource(item.work_item_id))

    def _changed(self, _change: object = None) -> None:
        self._revision += 1

    def url_of(self, item: WorkItem) -> str | None:
        """Where the item can be viewed. FIDELITY: on the platform only once a run gave it a
        thread and it has an agent (sema4-platform-behaviour.md §9)."""
        if self.profile.url_needs_thread and not (item.thread_id and item.agent_id):
            return None
        return work_item_url(item, self.settings.work_item_url_template, self.settings.base_url)

    # -- HTTP --------------------------------------------------------------------------------

    @cached_property
    def contract(self) -> Contract:
        return load_contract(openapi_path(self.profile.name))

    def contract_yaml(self) -> bytes:
        return openapi_path(self.profile.name).read_bytes()

    def schemathesis_config(self) -> Path:
        return schemathesis_config_path(self.profile.name)

    def mounts(self) -> Sequence[Mount]:
        return [Mount(prefix, f"{self.name}_{name}") for name, prefix in API_PREFIXES.items()]

    def handlers(self) -> Mapping[str, Handler]:
        from mock_server.apis.sema4.http.work_items import HANDLERS

        return HANDLERS

    def authenticate(
        self, operation: Operation, header: str | None, mount_args: Mapping[str, str]
    ) -> Principal:
        write = operation.method not in ("GET", "HEAD")
        what = f"{operation.method} {operation.path}"
        return self.keys.authenticate(header, mount_args.get("tenant_id"), write, what)

    def claims(self, path: str) -> int:
        found = CLAIM.match(path)
        return found.end() if found else 0

    @property
    def prefix_pattern(self) -> str:
        return API_PREFIX_PATTERN

    def extra_blueprints(self) -> Sequence[Blueprint]:
        from mock_server.apis.sema4.http.files import storage
        from mock_server.apis.sema4.http.spec import bp as spec

        return [storage, spec]

    def control_blueprints(self) -> Sequence[Blueprint]:
        from mock_server.apis.sema4.control import bp

        return [bp]

    def control_contract(self) -> Path:
        return Path(__file__).with_name("control.yaml")

    # -- journal and faults ------------------------------------------------------------------

    def resource_of(
        self, view_args: Mapping[str, Any], method: str, status: int, document: object
    ) -> str | None:
        if method == "DELETE" and status == 200:
            return None  # the item is gone: nothing to link to
        if "work_item_id" in view_args:
            return str(view_args["work_item_id"])
        if method == "POST" and status == 200 and isinstance(document, dict):
            found = document.get("work_item_id")
            return found if isinstance(found, str) else None
        return None

    def resource_status(self, resource_id: str) -> str | None:
        item = self.items.store.get(resource_id)
        return item.status if item else None

    def statuses(self) -> tuple[str, ...]:
        return self.profile.statuses

    # -- the emulator's life -----------------------------------------------------------------

    def reset(self) -> None:
        with self.lock:
            self.simulator.clear()
            self.simulator.scenarios = {s.name: s for s in self.fixtures.scenarios}
            self.items.clear()
            self.files.clear()
            self.agents.replace_all(self.fixtures.agents)
            self.keys.replace_all(self.fixtures.keys)
            self.status_history.clear()
            self._changed()

    # -- snapshots ---------------------------------------------------------------------------

    def export_state(self) -> dict[str, Any]:
        from mock_server.apis.sema4.state.export import export_part

        return export_part(self)

    def prepare_state(self, part: Any) -> Callable[[], None]:
        from mock_server.apis.sema4.state.load import prepare_part

        apply = prepare_part(self, part)

        def apply_and_announce() -> None:
            apply()
            self._changed()

        return apply_and_announce

    def legacy_state_part(self, document: Mapping[str, Any]) -> Any:
        from mock_server.apis.sema4.state.load import part_of_version_1

        return part_of_version_1(document)

    # -- scenarios ---------------------------------------------------------------------------

    def scenarios(self) -> list[dict[str, Any]]:
        return scenario_documents(self)

    def put_scenario(self, name: str, document: Any) -> dict[str, Any]:
        return put_scenario(self, name, document)

    def set_scenario(self, resource_id: str, scenario: str) -> ResourceView:
        return resource_view(self, self.simulator.switch_scenario(resource_id, scenario))

    # -- presentation ------------------------------------------------------------------------

    def describe(self) -> dict[str, Any]:
        return describe(self)

    def banner(self) -> list[str]:
        from mock_server.apis.sema4.views import banner

        return banner(self)

    def recent(self, limit: int) -> list[ResourceView]:
        with self.lock:
            items = list(self.items.store.newest(limit))
        return [resource_view(self, item) for item in items]

    def count(self) -> int:
        return len(self.items.store)

    def view(self, resource_id: str) -> ResourceView | None:
        item = self.items.store.get(resource_id)
        return resource_view(self, item) if item else None

    def history(self, resource_id: str) -> list[Transition]:
        item = self.items.store.get(resource_id)
        if item is None:
            return []
        return [
            Transition(t.at, t.previous, t.status, t.action, actor_of(t.action))
            for t in self.status_history.of(item)
        ]

    # -- the inspector -----------------------------------------------------------------------

    def revision(self) -> int:
        return self._revision


def actor_of(action: str) -> str:
    if action.startswith("agent_"):
        return "agent"
    return "system" if action in ("set_scenario", "test") else "client"
