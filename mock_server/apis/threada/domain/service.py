"""Threada's whole state behind one lock: catalogue, work items, executions, telemetry."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any

from mock_server.apis.threada.domain.access import Credential
from mock_server.apis.threada.domain.catalog import Catalog
from mock_server.apis.threada.domain.credentials import CredentialRing
from mock_server.apis.threada.domain.executions import ExecutionService
from mock_server.apis.threada.domain.numbering import Numbering
from mock_server.apis.threada.domain.records import (
    execution_of,
    execution_state,
    work_item_json,
    work_item_of,
)
from mock_server.apis.threada.domain.scenarios import Scenario, ScenarioBook
from mock_server.apis.threada.domain.telemetry import TelemetryLog
from mock_server.apis.threada.domain.work_items import WorkItemService
from mock_server.core.clock import Clock


class ThreadaService:
    """The API's state; `items`, `executions` and `telemetry` are its public services, each
    method of which is one atomic step under `lock` (checks first, then writes)."""

    def __init__(
        self,
        catalog: Catalog,
        scenarios: Mapping[str, Scenario],
        credentials: tuple[Credential, ...],
        numbering: Numbering,
        clock: Clock,
        lock: threading.RLock | None = None,
    ) -> None:
        self.catalog, self.clock = catalog, clock
        self.lock = lock or threading.RLock()
        self._initial_numbering = numbering.export()
        self._initial_credentials = credentials
        self.numbering = numbering.copy()
        self.credentials = CredentialRing(credentials)
        self.scenarios = ScenarioBook(scenarios, catalog.actions)
        self.items = WorkItemService(catalog, self.scenarios, clock, self.numbering, self.lock)
        self.executions = ExecutionService(self.items, catalog, clock, self.numbering, self.lock)
        self.telemetry = TelemetryLog(self.lock)
        self.items.subscribe(self.telemetry.on_moved)

    def reset(self) -> None:
        """Back to the fixtures: no work items or executions, counters at their start."""
        with self.lock:
            self.items.clear()
            self.executions.clear()
            self.telemetry.clear()
            self.numbering.restore(self._initial_numbering)
            self.scenarios.reset()
            self.credentials.replace_all(self._initial_credentials)

    def export_records(self) -> dict[str, Any]:
        """Work items (creation order), executions and id counters, JSON-ready."""
        with self.lock:
            return {
                "numbering": self.numbering.export(),
                "work_items": [work_item_json(item) for item in self.items.store],
                "executions": [execution_state(e) for e in self.executions.all()],
            }

    def prepare_records(self, part: Mapping[str, Any]) -> Callable[[], None]:
        """Read `part` (as `export_records` writes it) and return what puts it in place.

        Reading raises KeyError, TypeError or ValueError on a malformed part; the function
        returned only assigns what was read, so it cannot fail halfway.
        """
        items = [work_item_of(d) for d in part["work_items"]]
        executions = [execution_of(d) for d in part["executions"]]
        numbering = Numbering(part["numbering"])
        ids = [item.work_item_id for item in items]
        if len(set(ids)) != len(ids):
            raise ValueError("a work item id appears twice")

        def apply() -> None:
            with self.lock:
                self.items.restore(items)
                self.executions.restore(executions)
                self.telemetry.rebuild(items)
                self.numbering.restore(numbering.export())

        return apply
