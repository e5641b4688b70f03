"""The DocLD Workflows API as one emulator hosts it: its domain, engine, routes and core hooks."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mock_server.apis.docld.domain.lifecycle import DOCUMENT_STATUSES, EXECUTION_STATUSES
from mock_server.apis.docld.domain.ratelimit import refusal
from mock_server.apis.docld.domain.service import DocldDomain
from mock_server.apis.docld.engine.engine import DocldEngine
from mock_server.apis.docld.errors import DocldErrors
from mock_server.apis.docld.fixtures import FixtureSet, load_fixtures
from mock_server.apis.docld.http.per_request import (
    answer_headers,
    query_value,
    remember_allowance,
)
from mock_server.apis.docld.scenario_docs import KINDS, scenario_documents, scenario_json
from mock_server.apis.docld.scenario_docs import with_scenario as book_with
from mock_server.apis.docld.spec import CONTRACT_PATH, load
from mock_server.apis.docld.views import (
    document_view,
    execution_history,
    execution_view,
    workflow_view,
)
from mock_server.core.errors import BadRequest, NotFound
from mock_server.core.openapi import Contract, Operation
from mock_server.core.principal import Principal
from mock_server.hosting.plugin import ApiPlugin, ApiRuntime, Mount
from mock_server.hosting.resources import (
    ResourceQuery,
    ResourceView,
    Transition,
)
from mock_server.hosting.services import Services

if TYPE_CHECKING:
    from mock_server.http.operations import Handler

# FIDELITY: DocLD's docs disagree on the base URL (`/api/...` and `/api/v1/...`); both serve.
MOUNTS = {"api": "/api", "api_v1": "/api/v1"}
PREFIX_PATTERN = r"/api(?:/v1)?"
# The paths DocLD owns under each mount; anything else under /api is DocLD's only where no
# other API claims more of it (Sema4 owns /api/v1/work-items, /api/v2; Agentwork /api/v1/tasks).
CLAIM = re.compile(rf"{PREFIX_PATTERN}/(?:workflows|upload|documents|webhooks|health)(?![^/])")
BARE_API = re.compile(r"/api(?![^/])")
ANONYMOUS = Principal("anonymous", "", "", False)


class DocldRuntime(ApiRuntime):
    inspection = "mock_server.apis.docld.inspection"
    errors = DocldErrors()

    def __init__(self, plugin: ApiPlugin, services: Services) -> None:
        super().__init__(plugin, services)
        self.settings = services.settings
        self.clock, self.ids = services.clock, services.ids
        self.fixtures: FixtureSet = load_fixtures(services.fixtures_dir)
        self.domain = DocldDomain(
            self.clock,
            self.ids,
            kinds=self.fixtures.kinds,
            templates=self.fixtures.templates,
            keys=self.fixtures.keys,
            own_prefixes=[self.settings.inbox_prefix],
        )
        self.lock = self.domain.lock  # every write takes it, so it is the API's
        self.engine = DocldEngine(
            self.domain,
            scheduler=services.scheduler,
            dispatcher=services.dispatcher,
            inboxes=services.inboxes,
            scenarios=self.fixtures.scenarios,
            kinds=self.fixtures.kinds,
            api=self.name,
        )
        # Bumped by every event (executions, documents) and schedule change, and by the
        # inspector's own moves: what the inspector's live pages poll.
        self._revision = 0
        self.domain.space.subscribe(lambda _event: self._changed())
        self.domain.space.on_schedule_change(lambda _workflow: self._changed())
        self.public = frozenset(
            o.operation_id for o in self.contract.operations if _anonymous(self.contract, o)
        )

    def _changed(self) -> None:
        self._revision += 1

    def trigger_url(self, workflow_id: str) -> str:
        return f"{self.settings.base_url}/api/workflows/{workflow_id}/trigger"

    def check_scenario(self, kind: str, name: str, field: str = "Prefer") -> None:
        book = self.engine.scenarios
        known = book.executions if kind == "execution" else book.documents
        if name not in known:
            raise BadRequest(
                f"Unknown {kind} scenario {name!r}; known: {', '.join(known)}.",
                field=field,
                issue=f"scenario={name} names no {kind} scenario",
            )

    # -- HTTP --------------------------------------------------------------------------------

    @property
    def contract(self) -> Contract:
        return load()

    def contract_yaml(self) -> bytes:
        return CONTRACT_PATH.read_bytes()

    def schemathesis_config(self) -> Path:
        return CONTRACT_PATH.with_name("schemathesis.toml")

    def mounts(self) -> Sequence[Mount]:
        return [Mount(prefix, f"{self.name}_{name}") for name, prefix in MOUNTS.items()]

    def handlers(self) -> Mapping[str, Handler]:
        from mock_server.apis.docld.http.handlers import HANDLERS

        return HANDLERS

    def authenticate(
        self, operation: Operation, header: str | None, mount_args: Mapping[str, str]
    ) -> Principal:
        if operation.operation_id in self.public:
            return ANONYMOUS
        key = self.domain.keys.authenticate(header, self.clock.now())
        allowance = self.domain.limits.take(key)
        remember_allowance(allowance)
        if not allowance.allowed:
            raise refusal(key, allowance)
        return key.principal

    def answer_headers(self, status: int) -> Mapping[str, str]:
        return answer_headers(lambda: self.ids.uuid("docld.request"))

    def claims(self, path: str) -> int:
        found = CLAIM.match(path) or BARE_API.match(path)
        return found.end() if found else 0

    @property
    def prefix_pattern(self) -> str:
        return PREFIX_PATTERN

    # -- journal and faults ------------------------------------------------------------------

    def resource_of(
        self, view_args: Mapping[str, Any], method: str, status: int, document: object
    ) -> str | None:
        if isinstance(document, dict) and isinstance(document.get("execution_id"), str):
            return str(document["execution_id"])
        if "workflow_id" in view_args:
            return query_value("execution_id") or str(view_args["workflow_id"])
        for name in ("document_id", "webhook_id"):
            if name in view_args:
                return str(view_args[name])
        if status == 201 and isinstance(document, dict) and len(document) == 1:
            created = next(iter(document.values()))
            if isinstance(created, dict) and isinstance(created.get("id"), str):
                return str(created["id"])
        return query_value("id")

    def resource_status(self, resource_id: str) -> str | None:
        view = self.view(resource_id)
        return view.status if view else None

    def statuses(self) -> tuple[str, ...]:
        """An execution's, a document's, and a workflow's (enabled or disabled)."""
        found = (*EXECUTION_STATUSES, *DOCUMENT_STATUSES, "enabled", "disabled")
        return tuple(dict.fromkeys(found))

    # -- the emulator's life -----------------------------------------------------------------

    def reset(self) -> None:
        with self.lock:
            self.engine.clear()
            self.engine.scenarios = self.fixtures.scenarios
            self.domain.clear()
            self.domain.keys.replace_all(self.fixtures.keys)
            self._changed()

    # -- snapshots ---------------------------------------------------------------------------

    def export_state(self) -> dict[str, Any]:
        from mock_server.apis.docld.state.export import export_part

        return export_part(self)

    def prepare_state(self, part: Any) -> Callable[[], None]:
        from mock_server.apis.docld.state.load import prepare_part

        apply = prepare_part(self, part)

        def apply_and_announce() -> None:
            apply()
            self._changed()

        return apply_and_announce

    # -- scenarios ---------------------------------------------------------------------------

    def scenarios(self) -> list[dict[str, Any]]:
        return scenario_documents(self.engine.scenarios)

    def put_scenario(self, name: str, document: Any) -> dict[str, Any]:
        """An execution scenario (`kind` left out or `execution`) or a document one."""
        with self.lock:
            book = book_with(self.engine.scenarios, name, document)
            self.engine.scenarios = book
            kind = str(document.get("kind", KINDS[0]))
            return scenario_json(book, kind, name)

    def set_scenario(self, resource_id: str, scenario: str) -> ResourceView:
        """A running execution plays `scenario` from its running step on; a document is
        processed by it from its next stage on."""
        with self.lock:
            if self.domain.executions.find(resource_id) is not None:
                self.check_scenario("execution", scenario, "scenario")
                execution = self.domain.executions.switch_scenario(resource_id, scenario)
                return execution_view(self, execution)
            if resource_id in self.domain.space.documents:
                self.check_scenario("document", scenario, "scenario")
                document = self.domain.documents.switch_scenario(resource_id, scenario)
                return document_view(self, document)
        raise NotFound(
            f"No DocLD execution or document {resource_id}.",
            field="resource_id",
            issue="scenarios belong to executions and documents",
        )

    # -- presentation ------------------------------------------------------------------------

    def describe(self) -> dict[str, Any]:
        from mock_server.apis.docld.views import describe

        return describe(self)

    def banner(self) -> list[str]:
        from mock_server.apis.docld.views import banner

        return banner(self)

    def recent(self, limit: int) -> list[ResourceView]:
        """Executions, workflows and documents, newest first (what the inspector lists)."""
        return self.browse(ResourceQuery(limit=limit)).views if limit > 0 else []

    def count(self) -> int:
        space = self.domain.space
        return len(space.executions) + len(space.workflows) + len(space.documents)

    def view(self, resource_id: str) -> ResourceView | None:
        space = self.domain.space
        execution = space.executions.get(resource_id)
        if execution is not None:
            return execution_view(self, execution)
        workflow = space.workflows.get(resource_id)
        if workflow is not None:
            return workflow_view(self, workflow)
        document = space.documents.get(resource_id)
        return document_view(self, document) if document is not None else None

    def history(self, resource_id: str) -> list[Transition]:
        execution = self.domain.space.executions.get(resource_id)
        return execution_history(execution) if execution is not None else []

    # -- the inspector -----------------------------------------------------------------------

    def revision(self) -> int:
        return self._revision


def _anonymous(contract: Contract, operation: Operation) -> bool:
    """`security: []` on the operation: no key needed (the health check)."""
    spec = contract.resolved["paths"][operation.path][operation.method.lower()]
    return bool(spec.get("security") == [])
