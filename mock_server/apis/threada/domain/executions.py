"""Governed, idempotent executions of actions: start, replay, attempts, outcome.

FIDELITY: `POST /actions/execute` answers `{execution_id, status: "started",
idempotency_key}`. INFERRED: the same request (work item, action, integration) or the same
idempotency key answers the same execution and starts nothing new; a key reused for another
request is refused; `started` -> `succeeded` | `failed`.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from mock_server.apis.threada.domain.access import EXECUTE, READ, Caller
from mock_server.apis.threada.domain.catalog import Catalog
from mock_server.apis.threada.domain.errors import (
    ExecutionNotFound,
    IdempotencyKeyReused,
    InvalidIdempotencyKey,
)
from mock_server.apis.threada.domain.lifecycle import EXECUTION, STARTED, WORK_ITEM
from mock_server.apis.threada.domain.model import (
    Actor,
    Citation,
    Evidence,
    Execution,
    ExecutionError,
)
from mock_server.apis.threada.domain.numbering import Numbering
from mock_server.apis.threada.domain.policy import approve_execution
from mock_server.apis.threada.domain.work_items import WorkItemService
from mock_server.core.clock import Clock

KEY_PATTERN = re.compile(r"[\x21-\x7e]{1,255}")


@dataclass(frozen=True)
class ExecuteRequest:
    work_item_id: str
    action_id: str
    integration_id: str
    evidence: Evidence = field(default_factory=Evidence)

    @property
    def request(self) -> tuple[str, str, str]:
        return (self.work_item_id, self.action_id, self.integration_id)


Listener = Callable[[Execution], None]


def check_key(key: str) -> str:
    if not KEY_PATTERN.fullmatch(key):
        raise InvalidIdempotencyKey(
            "Idempotency-Key must be 1-255 printable ASCII characters without spaces.",
            field="Idempotency-Key",
            issue=f"got {len(key)} characters",
        )
    return key


class ExecutionService:
    """Every tenant's executions, found by id, by idempotency key and by request."""

    def __init__(
        self,
        items: WorkItemService,
        catalog: Catalog,
        clock: Clock,
        numbering: Numbering,
        lock: threading.RLock,
    ) -> None:
        self.items, self.catalog, self.clock = items, catalog, clock
        self.numbering, self.lock = numbering, lock
        self._by_id: dict[str, Execution] = {}
        self._by_key: dict[tuple[str, str], str] = {}
        self._by_request: dict[tuple[str, tuple[str, str, str]], str] = {}
        self._started: list[Listener] = []

    def on_started(self, listener: Listener) -> None:
        """Call `listener` (under the lock) with every execution just started."""
        self._started.append(listener)

    # -- the API -----------------------------------------------------------------------------

    def execute(
        self, caller: Caller, request: ExecuteRequest, key: str | None = None
    ) -> tuple[Execution, bool]:
        """The execution and whether it is an earlier one answered again (a replay)."""
        caller.require(EXECUTE, what="executing an action")
        if key is not None:
            check_key(key)
        with self.lock:
            earlier = self._earlier(caller.tenant_id, request, key)
            if earlier is not None:
                return earlier, True
            item = self.items.in_tenant(caller.tenant_id, request.work_item_id)
            action = self.catalog.action(request.action_id)
            integration = self.catalog.integration(request.integration_id)
            reason = approve_execution(self.catalog, item, action, integration)
            now = self.clock.now()
            execution = Execution(
                execution_id=self.numbering.new("execution"),
                tenant_id=caller.tenant_id,
                work_item_id=item.work_item_id,
                action_id=action.action_id,
                integration_id=integration.integration_id,
                idempotency_key=key or self.numbering.new("idempotency_key"),
                status=STARTED,
                requested_by=caller.actor,
                created_at=now,
                updated_at=now,
            )
            evidence = request.evidence if request.evidence.given else Evidence((), reason)
            self.items.move(item, "execute", caller.actor, evidence, execution=execution)
            self._remember(execution)
            for listener in self._started:
                listener(execution)
            return execution, False

    def get(self, caller: Caller, execution_id: str) -> Execution:
        caller.require(EXECUTE, READ, what="reading an execution")
        with self.lock:
            found = self._by_id.get(execution_id)
        if found is None or found.tenant_id != caller.tenant_id:
            raise ExecutionNotFound(
                f"Execution {execution_id} not found.",
                field="execution_id",
                issue=f"no execution {execution_id!r} in tenant {caller.tenant_id!r}",
            )
        return found

    def _earlier(
        self, tenant_id: str, request: ExecuteRequest, key: str | None
    ) -> Execution | None:
        if key is not None and (found := self._by_key.get((tenant_id, key))) is not None:
            earlier = self._by_id[found]
            if earlier.request != request.request:
                raise IdempotencyKeyReused(
                    f"Idempotency-Key {key!r} was used for another request (execution "
                    f"{earlier.execution_id}: {' / '.join(earlier.request)}).",
                    field="Idempotency-Key",
                    issue="use a new key for a different request",
                )
            return earlier
        found = self._by_request.get((tenant_id, request.request))
        return self._by_id[found] if found is not None else None

    # -- for the runner (each re-checks the execution under the lock) ------------------------

    def find(self, execution_id: str) -> Execution | None:
        """The execution, from any tenant (for the emulator's own pages and fault rules)."""
        return self._by_id.get(execution_id)

    def current(self, execution_id: str) -> Execution | None:
        """The execution if it is still running."""
        found = self._by_id.get(execution_id)
        return found if found is not None and found.status == STARTED else None

    def attempt(self, execution_id: str, delivery_id: str | None = None) -> Execution | None:
        """Count one more integration call, or None when the execution is over."""
        with self.lock:
            found = self.current(execution_id)
            if found is None:
                return None
            return self._update(
                found, "attempt", attempts=found.attempts + 1, delivery_id=delivery_id
            )

    def succeed(
        self, execution_id: str, external_ref: str, attempts: int | None = None
    ) -> Execution | None:
        """The integration confirmed: the execution succeeds and its work item resolves."""
        with self.lock:
            found = self.current(execution_id)
            if found is None:
                return None
            item = self.items.store.get(found.work_item_id)
            counted = found.attempts if attempts is None else attempts
            done = self._update(found, "succeed", external_ref=external_ref, attempts=counted)
            if item is not None and WORK_ITEM.allows("execution_succeeded", item.status):
                evidence = Evidence((Citation(external_ref),), None)
                self.items.move(
                    item,
                    "execution_succeeded",
                    _system(found),
                    evidence,
                    execution=done,
                    external_ref=external_ref,
                )
            return done

    def fail(
        self, execution_id: str, error: ExecutionError, attempts: int | None = None
    ) -> Execution | None:
        """The execution failed for good: so does its work item, with the reason code."""
        with self.lock:
            found = self.current(execution_id)
            if found is None:
                return None
            item = self.items.store.get(found.work_item_id)
            counted = found.attempts if attempts is None else attempts
            done = self._update(found, "fail", error=error, attempts=counted)
            if item is not None and WORK_ITEM.allows("execution_failed", item.status):
                evidence = Evidence((), error.message)
                self.items.move(
                    item,
                    "execution_failed",
                    _system(found),
                    evidence,
                    execution=done,
                    reason_code=error.code,
                )
            return done

    def _update(self, execution: Execution, action: str, **changes: Any) -> Execution:
        status = EXECUTION.target(action, execution.status)
        updated = dataclasses.replace(
            execution, status=status, updated_at=self.clock.now(), **changes
        )
        self._by_id[updated.execution_id] = updated
        return updated

    # -- state -------------------------------------------------------------------------------

    def all(self) -> list[Execution]:
        return list(self._by_id.values())

    def running(self) -> list[Execution]:
        return [e for e in self._by_id.values() if e.status == STARTED]

    def restore(self, executions: Iterable[Execution]) -> None:
        self.clear()
        for execution in executions:
            self._remember(execution)

    def clear(self) -> None:
        self._by_id.clear()
        self._by_key.clear()
        self._by_request.clear()

    def _remember(self, execution: Execution) -> None:
        self._by_id[execution.execution_id] = execution
        self._by_key[(execution.tenant_id, execution.idempotency_key)] = execution.execution_id
        self._by_request.setdefault(
            (execution.tenant_id, execution.request), execution.execution_id
        )


def _system(execution: Execution) -> Actor:
    return Actor("system", execution.integration_id)
