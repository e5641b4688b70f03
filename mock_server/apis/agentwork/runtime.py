"""The Agentwork Tasks API as one emulator hosts it: its services, routes and core hooks."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mock_server.apis.agentwork.contract import API_PREFIX, CONTRACT_PATH, contract
from mock_server.apis.agentwork.domain.accounts import AccountBook
from mock_server.apis.agentwork.domain.lifecycle import LIFECYCLES, Lifecycle
from mock_server.apis.agentwork.domain.model import ResultFile
from mock_server.apis.agentwork.domain.service import TaskService
from mock_server.apis.agentwork.engine.agent import SimulatedAgent
from mock_server.apis.agentwork.errors import AgentworkErrors
from mock_server.apis.agentwork.fixtures import FixtureSet, load_fixtures
from mock_server.apis.agentwork.views import banner, describe, resource_view
from mock_server.core.openapi import Contract, Operation
from mock_server.core.principal import Principal
from mock_server.hosting.plugin import ApiPlugin, ApiRuntime, Mount
from mock_server.hosting.resources import (
    ResourceView,
    Transition,
)
from mock_server.hosting.services import Services

if TYPE_CHECKING:
    from mock_server.http.operations import Handler

# The paths Agentwork owns under /api/v1 (which it shares with another API's work items).
CLAIM = re.compile(rf"{re.escape(API_PREFIX)}/(?:tasks|auth|files)(?![^/])")
ANONYMOUS = Principal("anonymous", "", "", False)


class AgentworkRuntime(ApiRuntime):
    inspection = "mock_server.apis.agentwork.inspection"
    errors = AgentworkErrors()
    # DEVIATION: the reference writes /tasks/ and FastAPI would redirect /tasks there with a
    # 307 (not followed by curl or httpx by default); the emulator answers both.
    slash_tolerant = ("/tasks/",)

    def __init__(self, plugin: ApiPlugin, services: Services) -> None:
        super().__init__(plugin, services)
        self.settings = services.settings
        self.lifecycle: Lifecycle = LIFECYCLES[services.profile]
        self.fixtures: FixtureSet = load_fixtures(services.fixtures_dir)
        defaults = self.fixtures.defaults
        accounts = AccountBook(services.ids, defaults)
        accounts.load(self.fixtures.accounts, self.fixtures.keys)
        self.tasks = TaskService(
            self.lifecycle,
            services.clock,
            services.ids,
            accounts,
            default_scenario=defaults.scenario,
        )
        self.lock = self.tasks.lock  # the service lock guards every write, so it is the API's
        self.agent = SimulatedAgent(self.tasks, services.scheduler, self.fixtures.scenarios)
        self._revision = 0  # bumped by every change, for the inspector's live pages
        self.tasks.subscribe(lambda _change: self._changed())

    def _changed(self) -> None:
        self._revision += 1

    def download_url(self, file: ResultFile) -> str:
        """A pre-signed URL of a result file, good for an hour from now."""
        expires, signature = self.tasks.grant(file.file_id)
        return (
            f"{self.settings.base_url}{API_PREFIX}/files/{file.file_id}"
            f"?expires={expires}&signature={signature}"
        )

    # -- HTTP --------------------------------------------------------------------------------

    @property
    def contract(self) -> Contract:
        return contract()

    def contract_yaml(self) -> bytes:
        return CONTRACT_PATH.read_bytes()

    def schemathesis_config(self) -> Path:
        return CONTRACT_PATH.with_name("schemathesis.toml")

    def mounts(self) -> Sequence[Mount]:
        return [Mount(API_PREFIX, f"{self.name}_api_v1")]

    def handlers(self) -> Mapping[str, Handler]:
        from mock_server.apis.agentwork.http.handlers import HANDLERS

        return HANDLERS

    def authenticate(
        self, operation: Operation, header: str | None, mount_args: Mapping[str, str]
    ) -> Principal:
        if operation.anonymous:  # register, api-key and the download URLs take no key
            return ANONYMOUS
        return self.tasks.authenticate(header)

    def claims(self, path: str) -> int:
        found = CLAIM.match(path)
        return found.end() if found else 0

    @property
    def prefix_pattern(self) -> str:
        return re.escape(API_PREFIX)

    # -- journal and faults ------------------------------------------------------------------

    def resource_of(
        self, view_args: Mapping[str, Any], method: str, status: int, document: object
    ) -> str | None:
        if "task_id" in view_args:
            return str(view_args["task_id"])
        if "file_id" in view_args:  # a download belongs to the task whose result it is
            return self.tasks.task_of_file(str(view_args["file_id"]))
        if method == "POST" and status == 201 and isinstance(document, dict):
            found = document.get("task_id")
            return found if isinstance(found, str) else None
        return None

    def resource_status(self, resource_id: str) -> str | None:
        task = self.tasks.store.get(resource_id)
        return task.status if task else None

    def statuses(self) -> tuple[str, ...]:
        return self.lifecycle.statuses

    # -- the emulator's life -----------------------------------------------------------------

    def reset(self) -> None:
        with self.lock:
            self.agent.clear()
            self.agent.scenarios = {s.name: s for s in self.fixtures.scenarios}
            self.tasks.clear()
            self.tasks.accounts.load(self.fixtures.accounts, self.fixtures.keys)
            self._changed()

    # -- snapshots ---------------------------------------------------------------------------

    def export_state(self) -> dict[str, Any]:
        from mock_server.apis.agentwork.state import export_state

        with self.lock:
            return export_state(self.tasks, self.agent)

    def prepare_state(self, part: Any) -> Callable[[], None]:
        from mock_server.apis.agentwork.state import prepare_state

        return prepare_state(part, self.tasks, self.agent)

    # -- scenarios ---------------------------------------------------------------------------

    def scenarios(self) -> list[dict[str, Any]]:
        from mock_server.apis.agentwork.engine.scenarios import scenario_to_json

        return [{"name": name, **scenario_to_json(s)} for name, s in self.agent.scenarios.items()]

    def put_scenario(self, name: str, document: Any) -> dict[str, Any]:
        from mock_server.apis.agentwork.scenario_docs import put_scenario

        return put_scenario(self, name, document)

    def set_scenario(self, resource_id: str, scenario: str) -> ResourceView:
        return resource_view(self, self.agent.switch_scenario(resource_id, scenario))

    # -- presentation ------------------------------------------------------------------------

    def describe(self) -> dict[str, Any]:
        return describe(self)

    def banner(self) -> list[str]:
        return banner(self)

    def recent(self, limit: int) -> list[ResourceView]:
        with self.lock:
            tasks = list(self.tasks.store.newest(limit))
        return [resource_view(self, task) for task in tasks]

    def count(self) -> int:
        return len(self.tasks.store)

    def view(self, resource_id: str) -> ResourceView | None:
        task = self.tasks.store.get(resource_id)
        return resource_view(self, task) if task else None

    def revision(self) -> int:
        return self._revision

    def history(self, resource_id: str) -> list[Transition]:
        task = self.tasks.store.get(resource_id)
        if task is None:
            return []
        return [Transition(m.at, m.previous, m.status, m.action, m.actor) for m in task.moves]

    # -- the inspector -----------------------------------------------------------------------
