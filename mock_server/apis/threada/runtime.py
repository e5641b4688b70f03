"""Threada's WorkItems API as one emulator hosts it: its services, routes and core hooks."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mock_server.apis.threada.contract import openapi_path
from mock_server.apis.threada.domain.lifecycle import EXECUTION_STATUSES, STATUSES
from mock_server.apis.threada.domain.service import ThreadaService
from mock_server.apis.threada.engine.decisioning import DecisionEngine
from mock_server.apis.threada.engine.runner import ExecutionRunner
from mock_server.apis.threada.errors import ThreadaErrors
from mock_server.apis.threada.fixtures import FixtureSet, load_fixtures
from mock_server.apis.threada.views import resource_view, transitions
from mock_server.core.openapi import Contract, Operation, load_contract
from mock_server.core.principal import Principal
from mock_server.hosting.plugin import ApiPlugin, ApiRuntime, Mount
from mock_server.hosting.resources import (
    ResourceView,
    Transition,
)
from mock_server.hosting.services import Services

if TYPE_CHECKING:
    from mock_server.http.operations import Handler

# FIDELITY: the reference's paths hang off the server root (https://api.threada.ai/work-items).
CLAIM = re.compile(r"/(?:work-items|actions|telemetry)(?![^/])")


class ThreadaRuntime(ApiRuntime):
    inspection = "mock_server.apis.threada.inspection"
    errors = ThreadaErrors()

    def __init__(self, plugin: ApiPlugin, services: Services) -> None:
        super().__init__(plugin, services)
        self.settings = services.settings
        self.fixtures: FixtureSet = load_fixtures(services.fixtures_dir, self.settings.base_url)
        f = self.fixtures
        self.service = ThreadaService(
            f.catalog, f.scenarios, f.credentials, f.numbering, services.clock
        )
        self.lock = self.service.lock  # guards every write, so it is the API's
        self.decisioning = DecisionEngine(
            self.service.items, services.scheduler, self.service.scenarios
        )
        self.runner = ExecutionRunner(
            self.service.executions,
            f.catalog,
            services.scheduler,
            services.dispatcher,
            api=self.name,
        )
        self._revision = 0  # bumped by every create and move, for the inspector's live pages
        self.service.items.subscribe(lambda _moved: self._changed())

    def _changed(self) -> None:
        self._revision += 1

    # -- HTTP --------------------------------------------------------------------------------

    @cached_property
    def contract(self) -> Contract:
        return load_contract(openapi_path())

    def contract_yaml(self) -> bytes:
        return openapi_path().read_bytes()

    def schemathesis_config(self) -> Path:
        return openapi_path().with_name("schemathesis.toml")

    @cached_property
    def scopes(self) -> dict[str, tuple[str, ...]]:
        from mock_server.apis.threada.http.auth import operation_scopes

        return operation_scopes(self.contract)

    def mounts(self) -> Sequence[Mount]:
        return [Mount("", f"{self.name}_root")]

    def handlers(self) -> Mapping[str, Handler]:
        from mock_server.apis.threada.http.handlers import HANDLERS

        return HANDLERS

    def authenticate(
        self, operation: Operation, header: str | None, mount_args: Mapping[str, str]
    ) -> Principal:
        from mock_server.apis.threada.http.auth import authenticate

        return authenticate(self.service.credentials, self.scopes, operation, header)

    def claims(self, path: str) -> int:
        found = CLAIM.match(path)
        return found.end() if found else 0

    # -- journal and faults ------------------------------------------------------------------

    def resource_of(
        self, view_args: Mapping[str, Any], method: str, status: int, document: object
    ) -> str | None:
        """The work item a request names (in its path, or in what a create or an execute
        answered), else the execution in its path."""
        for name in ("work_item_id", "execution_id"):
            if name in view_args:
                return str(view_args[name])
        if method == "POST" and status in (201, 202) and isinstance(document, dict):
            found = document.get("work_item_id")
            return found if isinstance(found, str) else None
        return None

    def resource_status(self, resource_id: str) -> str | None:
        item = self.service.items.store.get(resource_id)
        if item is not None:
            return item.status
        execution = self.service.executions.find(resource_id)
        return execution.status if execution is not None else None

    def statuses(self) -> tuple[str, ...]:
        return (*STATUSES, *EXECUTION_STATUSES)

    # -- the emulator's life -----------------------------------------------------------------

    def reset(self) -> None:
        with self.lock:
            self.decisioning.clear()
            self.runner.clear()
            self.service.reset()
            self._changed()

    # -- snapshots ---------------------------------------------------------------------------

    def export_state(self) -> dict[str, Any]:
        from mock_server.apis.threada.state.export import export_part

        return export_part(self)

    def prepare_state(self, part: Any) -> Callable[[], None]:
        from mock_server.apis.threada.state.load import prepare_part

        apply = prepare_part(self, part)

        def apply_and_announce() -> None:
            apply()
            self._changed()

        return apply_and_announce

    # -- scenarios ---------------------------------------------------------------------------

    def scenarios(self) -> list[dict[str, Any]]:
        from mock_server.apis.threada.scenario_docs import scenario_documents

        return scenario_documents(self)

    def put_scenario(self, name: str, document: Any) -> dict[str, Any]:
        from mock_server.apis.threada.scenario_docs import put_scenario

        return put_scenario(self, name, document)

    def set_scenario(self, resource_id: str, scenario: str) -> ResourceView:
        return resource_view(self, self.decisioning.switch(resource_id, scenario))

    # -- presentation ------------------------------------------------------------------------

    def describe(self) -> dict[str, Any]:
        from mock_server.apis.threada.views import describe

        return describe(self)

    def banner(self) -> list[str]:
        from mock_server.apis.threada.views import banner

        return banner(self)

    def recent(self, limit: int) -> list[ResourceView]:
        with self.lock:
            items = list(self.service.items.store.newest(limit))
        return [resource_view(self, item) for item in items]

    def count(self) -> int:
        return len(self.service.items.store)

    def view(self, resource_id: str) -> ResourceView | None:
        item = self.service.items.store.get(resource_id)
        return resource_view(self, item) if item else None

    def history(self, resource_id: str) -> list[Transition]:
        item = self.service.items.store.get(resource_id)
        return transitions(item) if item is not None else []

    # -- the inspector -----------------------------------------------------------------------

    def revision(self) -> int:
        return self._revision
