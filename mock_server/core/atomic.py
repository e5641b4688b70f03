"""Units of work: whatever a locked block writes is undone if the block fails, and what it
schedules happens only if it succeeds.

A service method takes its lock, checks everything, writes, and tells its listeners (the
agent, the callbacks, the history); any of them can still fail after the store was written.
Rather than trusting every later step never to fail, the lock itself is the unit: components
record how to undo each write (`on_rollback`) and defer effects that others could observe at
once, such as a task on the timetable (`on_commit`). When the outermost block ends normally
the deferred effects run; when any block ends with an exception its own writes are undone,
newest first, and its deferred effects are dropped. Outside a unit both calls act at once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar

Action = Callable[[], object]
K = TypeVar("K")
V = TypeVar("V")

_local = threading.local()
log = logging.getLogger("workitems_mock")


class _Unit:
    """What one thread's outermost locked block has written and deferred so far."""

    __slots__ = ("commits", "marks", "undo", "undoing")

    def __init__(self) -> None:
        self.undo: list[Action] = []
        self.commits: list[Action] = []
        self.marks: list[tuple[int, int]] = []  # per open block: (undo, commits) lengths
        self.undoing = False  # an undo's own writes are not to be undone again

    def enter(self) -> None:
        self.marks.append((len(self.undo), len(self.commits)))

    def leave(self, failed: bool) -> bool:
        """Close the innermost block (undoing it if it failed); True when none is left."""
        undo_mark, commit_mark = self.marks.pop()
        if failed:
            self.undoing = True
            try:
                while len(self.undo) > undo_mark:
                    undo = self.undo.pop()
                    try:
                        undo()
                    except Exception:  # keep undoing; the block's own error is on its way
                        log.exception("undoing a failed unit of work failed")
            finally:
                self.undoing = False
            del self.commits[commit_mark:]
        return not self.marks


def _current() -> _Unit | None:
    unit: _Unit | None = getattr(_local, "unit", None)
    return unit


def on_rollback(undo: Action) -> None:
    """Run `undo` if the unit this thread is in fails; nothing outside a unit."""
    unit = _current()
    if unit is not None and not unit.undoing:
        unit.undo.append(undo)


def on_commit(effect: Action) -> None:
    """Run `effect` once the unit this thread is in succeeds; at once outside a unit."""
    unit = _current()
    if unit is None:
        effect()
    else:
        unit.commits.append(effect)


def in_unit() -> bool:
    return _current() is not None


class AtomicLock:
    """A re-entrant lock whose every `with` block is a unit of work (a savepoint when nested).

    The unit belongs to the thread: blocks of other AtomicLocks opened inside it join it.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()

    def __enter__(self) -> AtomicLock:
        self._lock.acquire()
        unit = _current()
        if unit is None:
            unit = _local.unit = _Unit()
        unit.enter()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        unit = _current()
        assert unit is not None
        try:
            if unit.leave(failed=kind is not None):
                _local.unit = None
                # Committed: what the unit deferred happens now, still under the lock, so it
                # is in place before anyone else can see the unit's writes.
                for effect in unit.commits:
                    effect()
        finally:
            self._lock.release()

    # The threading lock API, for code that holds the lock without a unit in mind.
    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        return self._lock.acquire(blocking, timeout)

    def release(self) -> None:
        self._lock.release()


class UndoableDict(dict[K, V]):
    """A dict whose item writes inside a unit are undone if the unit fails."""

    def __setitem__(self, key: K, value: V) -> None:
        self._remember(key)
        super().__setitem__(key, value)

    def __delitem__(self, key: K) -> None:
        self._remember(key)
        super().__delitem__(key)

    def update(self, *others: Any, **entries: V) -> None:
        for key, value in dict(*others, **entries).items():
            self[key] = value

    def setdefault(self, key: K, default: V) -> V:
        if key not in self:
            self[key] = default
        return self[key]

    def clear(self) -> None:
        if in_unit():
            saved = dict(self)
            on_rollback(lambda: (dict.clear(self), dict.update(self, saved)))
        super().clear()

    def pop(self, key: K, *default: Any) -> Any:
        if key in self:
            self._remember(key)
        return super().pop(key, *default)

    def _remember(self, key: K) -> None:
        if not in_unit():
            return
        if key in self:
            previous = dict.__getitem__(self, key)
            on_rollback(lambda: dict.__setitem__(self, key, previous))
        else:
            on_rollback(lambda: dict.pop(self, key, None))
