"""Every DocLD record of one emulator, the lock that guards them, and the event feed."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from mock_server.apis.docld.domain.model import (
    Document,
    Event,
    Execution,
    Integration,
    JsonObject,
    Schedule,
    Subscription,
    Workflow,
)
from mock_server.core.clock import Clock
from mock_server.core.ids import IdFactory

EventListener = Callable[[Event], None]
ScheduleListener = Callable[[str], None]  # a workflow id whose schedule changed


class Workspace:
    """Shared by the services: each of their public methods takes `lock`, checks, then writes.

    Dicts keep insertion order, so "newest first" is a reversed walk. Listeners run under the
    lock, in the order things happened, so webhooks of one execution leave in order.
    """

    def __init__(self, clock: Clock, ids: IdFactory) -> None:
        self.clock, self.ids = clock, ids
        self.lock = threading.RLock()
        self.workflows: dict[str, Workflow] = {}
        self.schedules: dict[str, Schedule] = {}  # by workflow id
        self.executions: dict[str, Execution] = {}
        self.executions_of: dict[str, list[str]] = {}  # workflow id -> ids, oldest first
        self.integrations: dict[str, Integration] = {}
        self.documents: dict[str, Document] = {}
        self.subscriptions: dict[str, Subscription] = {}
        self._listeners: list[EventListener] = []
        self._schedule_listeners: list[ScheduleListener] = []

    def subscribe(self, listener: EventListener) -> None:
        self._listeners.append(listener)

    def on_schedule_change(self, listener: ScheduleListener) -> None:
        self._schedule_listeners.append(listener)

    def publish(self, name: str, organization_id: str, subject_id: str, data: JsonObject) -> None:
        event = Event(name, organization_id, subject_id, data, self.clock.now())
        for listener in self._listeners:
            listener(event)

    def schedule_changed(self, workflow_id: str) -> None:
        for listener in self._schedule_listeners:
            listener(workflow_id)

    def new_id(self, thing: str) -> str:
        return self.ids.uuid(f"docld.{thing}")

    def clear(self) -> None:
        with self.lock:
            for records in self.tables().values():
                records.clear()

    def tables(self) -> dict[str, dict[str, Any]]:
        return {
            "workflows": self.workflows,
            "schedules": self.schedules,
            "executions": self.executions,
            "executions_of": self.executions_of,
            "integrations": self.integrations,
            "documents": self.documents,
            "subscriptions": self.subscriptions,
        }

    def add_execution(self, execution: Execution) -> None:
        self.executions[execution.id] = execution
        self.executions_of.setdefault(execution.workflow_id, []).append(execution.id)

    def drop_workflow(self, workflow_id: str) -> None:
        """The workflow, its schedule and its executions go (caller holds the lock)."""
        self.workflows.pop(workflow_id, None)
        self.schedules.pop(workflow_id, None)
        for execution_id in self.executions_of.pop(workflow_id, []):
            self.executions.pop(execution_id, None)
