"""Runs started executions against their integrations on the shared scheduler.

A `simulated` integration plays its scripted outcomes, retrying retryable failures under the
same idempotency key with doubling backoff. A `webhook` integration POSTs the execution
through the shared Dispatcher (its retries, delivery log and egress policy); the delivery's
end decides the execution's.

INFERRED: "approved actions run asynchronously against integrations with retries,
idempotency, and typed error classes" is all Threada says; the pacing, the reason codes and
the webhook body are ours.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from mock_server.apis.threada.domain.catalog import Catalog, Integration
from mock_server.apis.threada.domain.executions import ExecutionService
from mock_server.apis.threada.domain.model import Execution, ExecutionError
from mock_server.apis.threada.engine.plans import Attempt, Landed, Plan
from mock_server.core.scheduler import Scheduler
from mock_server.webhooks.deliveries import Delivery, Outcome
from mock_server.webhooks.dispatcher import Dispatcher

SUBJECT_PREFIX = "threada/"  # delivery subjects: threada/<execution_id>
EVENT = "threada.action.execute"
USER_AGENT = "Threada-Integration/0.1 (workitems-mock)"


class ExecutionRunner:
    """Plans each execution's next step (an attempt, or a delivery's outcome) as data."""

    def __init__(
        self,
        executions: ExecutionService,
        catalog: Catalog,
        scheduler: Scheduler,
        dispatcher: Dispatcher,
        api: str = "",
    ) -> None:
        self.executions, self.catalog, self.api = executions, catalog, api
        self.scheduler, self.dispatcher = scheduler, dispatcher
        self.clock = executions.clock
        # Guarded by a lock of its own that is never held while taking another: the
        # dispatcher's listener plans under the dispatcher's lock, which must never wait for
        # the service lock (a snapshot holds the service lock while it reads the deliveries).
        self._plans_lock = threading.Lock()
        self.planned: dict[str, Plan] = {}
        executions.on_started(self._on_started)
        dispatcher.on_finished(self._on_delivery_finished)

    def _integration(self, execution: Execution) -> Integration:
        return self.catalog.integrations[execution.integration_id]

    def _on_started(self, execution: Execution) -> None:
        latency = self._integration(execution).latency_seconds
        self.plan(Attempt(execution.execution_id, 1, self._after(latency)))

    def _after(self, seconds: float) -> datetime:
        return self.clock.now() + timedelta(seconds=seconds)

    def plan(self, plan: Plan) -> None:
        """Put the execution's next step on the timetable; it supersedes any earlier one."""
        with self._plans_lock:
            self.planned[plan.execution_id] = plan
        name = f"threada execution: {plan.describe()}"
        self.scheduler.at(plan.due, name, lambda: self._fire(plan))

    def _take(self, plan: Plan) -> bool:
        """Whether `plan` is still the execution's next step (and it is now taken)."""
        with self._plans_lock:
            if self.planned.get(plan.execution_id) is not plan:
                return False  # superseded, or the emulator was reset
            del self.planned[plan.execution_id]
            return True

    def _fire(self, plan: Plan) -> None:
        with self.executions.lock:
            if not self._take(plan):
                return
            execution = self.executions.current(plan.execution_id)
            if execution is None:
                return
            if isinstance(plan, Landed):
                if execution.delivery_id == plan.delivery_id:
                    self._land(execution, plan)
                return
            integration = self._integration(execution)
            if integration.kind == "simulated":
                return self._simulate(execution, integration, plan.attempt)
        self._send(execution, integration)  # outside the lock: the dispatcher takes its own

    # -- simulated integrations --------------------------------------------------------------

    def _simulate(self, execution: Execution, integration: Integration, attempt: int) -> None:
        self.executions.attempt(execution.execution_id)
        outcome = integration.outcome_of(attempt)
        if outcome == "succeeded":
            ref = f"{integration.integration_id}/{execution.execution_id}"
            self.executions.succeed(execution.execution_id, ref)
        elif outcome == "failure":
            self.executions.fail(
                execution.execution_id,
                ExecutionError(
                    "integration_rejected",
                    f"{integration.name} refused the action on attempt {attempt}.",
                    retryable=False,
                ),
            )
        elif attempt < integration.max_attempts:
            due = self._after(integration.backoff_before(attempt + 1))
            self.plan(Attempt(execution.execution_id, attempt + 1, due))
        else:
            self.executions.fail(
                execution.execution_id,
                ExecutionError(
                    "retries_exhausted",
                    f"{integration.name} failed {attempt} attempts under idempotency key "
                    f"{execution.idempotency_key}.",
                    retryable=True,
                ),
            )

    # -- webhook integrations ----------------------------------------------------------------

    def _send(self, execution: Execution, integration: Integration) -> None:
        item = self.executions.items.store.get(execution.work_item_id)
        body = {
            "event": EVENT,
            "execution_id": execution.execution_id,
            "idempotency_key": execution.idempotency_key,
            "work_item_id": execution.work_item_id,
            "action_id": execution.action_id,
            "integration_id": execution.integration_id,
            "tenant_id": execution.tenant_id,
            "payload": dict(item.payload) if item is not None else {},
        }
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "Idempotency-Key": execution.idempotency_key,
        }
        delivery = self.dispatcher.enqueue(
            SUBJECT_PREFIX + execution.execution_id,
            EVENT,
            integration.url or "",
            json.dumps(body).encode(),
            headers,
            api=self.api,
        )
        self.executions.attempt(execution.execution_id, delivery.delivery_id)

    def _on_delivery_finished(self, delivery: Delivery) -> None:
        """Called by the dispatcher under its own lock: only plan, never take the service's
        lock here (the service lock is held while the dispatcher's is taken elsewhere)."""
        if not delivery.subject.startswith(SUBJECT_PREFIX):
            return
        execution_id = delivery.subject.removeprefix(SUBJECT_PREFIX)
        self.plan(
            Landed(
                execution_id,
                self.clock.now(),
                delivery.delivery_id,
                delivery.outcome.value,
                len(delivery.attempts),
                delivery.reason or "",
            )
        )

    def _land(self, execution: Execution, landed: Landed) -> None:
        attempts = landed.attempts
        if landed.outcome == Outcome.DELIVERED.value:
            ref = f"delivery/{landed.delivery_id}"
            self.executions.succeed(execution.execution_id, ref, attempts=attempts)
            return
        blocked = landed.outcome == Outcome.BLOCKED.value
        self.executions.fail(
            execution.execution_id,
            ExecutionError(
                "egress_blocked" if blocked else "retries_exhausted",
                f"The webhook was not delivered: {landed.reason}.",
                retryable=not blocked,
            ),
            attempts=attempts,
        )

    # -- state -------------------------------------------------------------------------------

    def export(self) -> list[dict[str, Any]]:
        with self._plans_lock:
            return [plan.to_json() for plan in self.planned.values()]

    def restore(self, plans: Iterable[Plan]) -> None:
        self.clear()
        for plan in plans:
            self.plan(plan)

    def clear(self) -> None:
        with self._plans_lock:
            self.planned.clear()
