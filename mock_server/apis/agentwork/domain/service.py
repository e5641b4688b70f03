"""Task operations: accounts and keys, create, read, answer, decide, cancel, agent moves."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mock_server.apis.agentwork.domain.accounts import AccountBook, IssuedKey
from mock_server.apis.agentwork.domain.credits import CreditBook, Usage
from mock_server.apis.agentwork.domain.downloads import DownloadSigner
from mock_server.apis.agentwork.domain.lifecycle import PROCESSING, Lifecycle
from mock_server.apis.agentwork.domain.model import (
    Account,
    Event,
    KeyRecord,
    Move,
    ResultFile,
    Task,
)
from mock_server.apis.agentwork.domain.moves import AgentMove, advanced, agent_changes
from mock_server.apis.agentwork.domain.questions import answers_text, as_text
from mock_server.apis.agentwork.domain.rules import decision, truncate_title
from mock_server.core.atomic import AtomicLock, UndoableDict, on_rollback
from mock_server.core.clock import Clock
from mock_server.core.errors import BadRequest, NotFound
from mock_server.core.ids import IdFactory
from mock_server.core.principal import Principal
from mock_server.core.store import IndexedStore


@dataclass(frozen=True)
class Change:
    """Published (under the lock, so in order) after `action` moved `task`."""

    task: Task
    previous: str | None
    action: str


Listener = Callable[[Change], None]


class TaskService:
    """Owns accounts, keys, credits and tasks; each public method is one atomic step."""

    def __init__(
        self,
        lifecycle: Lifecycle,
        clock: Clock,
        ids: IdFactory,
        accounts: AccountBook,
        *,
        default_scenario: str,
    ) -> None:
        self.lifecycle, self.clock, self.ids = lifecycle, clock, ids
        self.accounts = accounts
        self.credits = CreditBook()
        self.default_scenario = default_scenario
        # Each locked block is one unit of work: a failure after a write undoes it (the store,
        # the books below and the agent's plans all record how to undo what they write).
        self.lock = AtomicLock()
        self.store: IndexedStore[Task] = IndexedStore(
            key=lambda task: task.task_id, indexes={"org": lambda task: task.org_id}
        )
        self.signer = DownloadSigner(ids.secret())
        self._file_owner: dict[str, str] = UndoableDict()  # file_id -> task_id
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def clear(self) -> None:
        with self.lock:
            self.store.clear()
            self._file_owner.clear()
            self.credits.load({})
            self._sign_with(self.ids.secret())

    def restore(
        self,
        accounts: Iterable[Account],
        keys: Iterable[KeyRecord],
        usage: Mapping[str, Usage],
        url_secret: str,
        tasks: Iterable[Task],
    ) -> None:
        """Take a checked state whole (ids unique, keys of known accounts): cannot fail."""
        with self.lock:
            self.accounts.load(accounts, keys)
            self.credits.load(usage)
            self._sign_with(url_secret)
            self.store.clear()
            self._file_owner.clear()
            for task in tasks:
                self.store.add(task)
                self._file_owner.update({f.file_id: task.task_id for f in task.files})

    def _sign_with(self, secret: str) -> None:
        previous = self.signer
        self.signer = DownloadSigner(secret)
        on_rollback(lambda: setattr(self, "signer", previous))

    # -- accounts ----------------------------------------------------------------------------

    def register(self, email: str, name: str | None, organization: str | None) -> IssuedKey:
        with self.lock:
            return self.accounts.register(email, name, organization)

    def exchange(self, email: str, password: str, key_name: str | None) -> IssuedKey:
        with self.lock:
            return self.accounts.exchange(email, password, key_name)

    def authenticate(self, header: str | None) -> Principal:
        with self.lock:
            return self.accounts.authenticate(header)

    # -- reads -------------------------------------------------------------------------------

    def get(self, who: Principal, task_id: str) -> Task:
        task = self.store.get(task_id)
        if task is None or task.org_id != who.tenant_id:
            # Another organization's task is as unknown as a missing one: nothing leaks.
            raise NotFound("Task not found", field="task_id", issue=task_id)
        return task

    def list(self, who: Principal) -> list[Task]:
        """Every task of the caller's organization, newest first."""
        with self.lock:
            return self.store.page({"org": who.tenant_id}, 0, max(len(self.store), 1)).records

    def result(self, who: Principal, task_id: str) -> Task:
        task = self.get(who, task_id)
        self.lifecycle.target("read_result", task.status)
        return task

    def download(self, file_id: str, expires: int, signature: str) -> ResultFile:
        self.signer.check(file_id, expires, signature, self.clock.now())
        task = self.store.get(self._file_owner.get(file_id, ""))
        found = task.file(file_id) if task else None
        if found is None:
            raise NotFound("File not found", field="file_id", issue=file_id)
        return found

    def task_of_file(self, file_id: str) -> str | None:
        """The id of the task a result file belongs to (None for an unknown file)."""
        return self._file_owner.get(file_id)

    def grant(self, file_id: str) -> tuple[int, str]:
        return self.signer.grant(file_id, self.clock.now())

    # -- customer moves ----------------------------------------------------------------------

    def create(self, who: Principal, title: str, description: str, scenario: str | None) -> Task:
        with self.lock:
            account = self.accounts.account(who.user_id)
            now = self.clock.now()
            self.credits.check(account.user_id, account.credits, now)
            task = Task(
                task_id=self.ids.uuid("agentwork.task"),
                org_id=who.tenant_id,
                user_id=who.user_id,
                title=truncate_title(title),
                description=description,
                status=PROCESSING,
                created_at=now,
                last_activity_at=now,
                scenario=scenario or account.scenario or self.default_scenario,
                events=(Event(now, "status", "Task created"),),
                moves=(Move(now, None, PROCESSING, "create", "client"),),
            )
            self.credits.charge(account.user_id, account.credits, now)
            self.store.add(task)
            self._publish(Change(task, None, "create"))
            return task

    def message(
        self,
        who: Principal,
        task_id: str,
        text: str | None,
        answers: Sequence[Mapping[str, Any]] | None,
    ) -> Task:
        with self.lock:
            task = self.get(who, task_id)
            if not answers and not (text or "").strip():
                raise BadRequest("Message cannot be empty", field="body.message", issue="empty")
            status = self.lifecycle.target("reply", task.status)
            content = task.question.content if task.question else ""
            reply = answers_text(content, answers) if answers else (text or "")
            return self._commit(task, "reply", status, reply, "client", last_reply=reply)

    def decide_spec(self, who: Principal, task_id: str, verdict: str, reason: str | None) -> Task:
        return self._decide(who, task_id, f"{decision(verdict)}_spec", reason)

    def decide_solution(
        self, who: Principal, task_id: str, verdict: str, reason: str | None
    ) -> Task:
        return self._decide(who, task_id, f"{decision(verdict)}_solution", reason)

    def _decide(self, who: Principal, task_id: str, action: str, reason: str | None) -> Task:
        with self.lock:
            task = self.get(who, task_id)
            status = self.lifecycle.target(action, task.status)
            if action.startswith("confirm"):
                return self._commit(task, action, status, "CONFIRMED", "client")
            log = f"REJECTED: {reason}" if reason else "REJECTED"
            return self._commit(task, action, status, log, "client", rejection_reason=reason)

    def cancel(self, who: Principal, task_id: str) -> Task:
        with self.lock:
            task = self.get(who, task_id)
            status = self.lifecycle.target("cancel", task.status)
            return self._commit(task, "cancel", status, "Task cancelled", "client")

    def set_scenario(self, task_id: str, scenario: str) -> Task:
        """Give a task (of any organization) another scenario; the control plane's move, so
        it logs no event and leaves `last_activity_at` alone."""
        with self.lock:
            task = self.store.get(task_id)
            if task is None:
                raise NotFound(f"Task {task_id} not found", field="task_id", issue=task_id)
            updated = dataclasses.replace(task, scenario=scenario)
            self.store.replace(updated)
            self._publish(Change(updated, task.status, "set_scenario"))
            return updated

    # -- agent moves -------------------------------------------------------------------------

    def agent_move(self, task_id: str, move: AgentMove) -> Task | None:
        """Apply the agent's move if the task can still take it; None when a person (or a
        reset) got there first. The caller holds the lock."""
        task = self.store.get(task_id)
        if task is None or not self.lifecycle.allows(move.action, task.status):
            return None
        status = self.lifecycle.target(move.action, task.status)
        file_ids = [self.ids.uuid("agentwork.file") for _ in move.files]
        changes = agent_changes(move, self.ids.uuid("agentwork.message"), file_ids)
        self._file_owner.update(dict.fromkeys(file_ids, task_id))
        return self._commit(task, move.action, status, as_text(move.content), "agent", **changes)

    def _commit(
        self, task: Task, action: str, status: str, log: str, actor: str, **changes: Any
    ) -> Task:
        updated = advanced(task, action, status, self.clock.now(), log, actor=actor, **changes)
        self.store.replace(updated)
        self._publish(Change(updated, task.status, action))
        return updated

    def _publish(self, change: Change) -> None:
        for listener in self._listeners:
            listener(change)
