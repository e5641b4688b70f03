"""An in-memory record store with equality indexes for filtered, newest-first pages."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from mock_server.core.atomic import on_rollback

T = TypeVar("T")

IndexKey = Callable[[T], Hashable]


@dataclass(frozen=True)
class Page(Generic[T]):
    records: list[T]
    has_more: bool


class IndexedStore(Generic[T]):
    """Keeps records in insertion order and indexes them by named derived values.

    Records are treated as immutable values: `replace` swaps a record for its new version and
    moves it between index buckets. A bucket holds insertion sequence numbers in ascending
    order, so a newest-first page walks one bucket backwards and touches only
    `offset + limit` entries, never the whole store. Not thread-safe: callers hold their lock.
    Every write inside a unit of work (`core.atomic`) is undone if the unit fails.
    """

    def __init__(self, key: Callable[[T], str], indexes: Mapping[str, IndexKey[T]]) -> None:
        self._key = key
        self._index_keys = dict(indexes)
        self._clear()

    def _clear(self) -> None:
        self._records: dict[str, T] = {}
        self._seq_by_key: dict[str, int] = {}
        self._key_by_seq: list[str] = []
        self._buckets: dict[str, dict[Hashable, list[int]]] = {n: {} for n in self._index_keys}

    def clear(self) -> None:
        saved = (self._records, self._seq_by_key, self._key_by_seq, self._buckets)
        self._clear()
        on_rollback(lambda: self._restore(*saved))

    def _restore(
        self,
        records: dict[str, T],
        seq_by_key: dict[str, int],
        key_by_seq: list[str],
        buckets: dict[str, dict[Hashable, list[int]]],
    ) -> None:
        self._records, self._seq_by_key = records, seq_by_key
        self._key_by_seq, self._buckets = key_by_seq, buckets

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[T]:
        """Records in insertion order."""
        return (self._records[key] for key in self._key_by_seq)

    def get(self, key: str) -> T | None:
        return self._records.get(key)

    def add(self, record: T) -> None:
        key = self._key(record)
        if key in self._records:
            raise KeyError(f"duplicate key {key!r}")
        seq = len(self._key_by_seq)
        self._key_by_seq.append(key)
        self._seq_by_key[key] = seq
        self._records[key] = record
        for name, index_key in self._index_keys.items():
            self._buckets[name].setdefault(index_key(record), []).append(seq)
        on_rollback(lambda: self._remove_newest(key))

    def _remove_newest(self, key: str) -> None:
        """Undo the latest `add` (undos run newest first, so it is the last sequence number)."""
        record = self._records.pop(key)
        seq = self._seq_by_key.pop(key)
        del self._key_by_seq[seq]
        for name, index_key in self._index_keys.items():
            self._remove_seq(self._buckets[name], index_key(record), seq)

    def replace(self, record: T) -> None:
        key = self._key(record)
        old = self._records[key]
        seq = self._seq_by_key[key]
        self._records[key] = record
        for name, index_key in self._index_keys.items():
            before, after = index_key(old), index_key(record)
            if before != after:
                self._remove_seq(self._buckets[name], before, seq)
                bisect.insort(self._buckets[name].setdefault(after, []), seq)
        on_rollback(lambda: self.replace(old))

    @staticmethod
    def _remove_seq(buckets: dict[Hashable, list[int]], value: Hashable, seq: int) -> None:
        bucket = buckets[value]
        del bucket[bisect.bisect_left(bucket, seq)]
        if not bucket:
            del buckets[value]

    def page(
        self,
        where: Mapping[str, Hashable],
        offset: int,
        limit: int,
        also: Callable[[T], bool] | None = None,
    ) -> Page[T]:
        """Newest-first records whose index values equal every entry of `where` (and for
        which `also` holds, when given)."""
        if not where:
            raise ValueError("page() needs at least one index filter")
        if len(where) == 1 and also is None:
            return self._slice(*next(iter(where.items())), offset, limit)
        candidates = [self._buckets[name].get(value, []) for name, value in where.items()]
        narrowest = min(candidates, key=len)
        found: list[T] = []
        skipped = 0
        for seq in reversed(narrowest):
            record = self._records[self._key_by_seq[seq]]
            if not self._matches(record, where) or (also is not None and not also(record)):
                continue
            if skipped < offset:
                skipped += 1
                continue
            if len(found) == limit:
                return Page(found, has_more=True)
            found.append(record)
        return Page(found, has_more=False)

    def _slice(self, name: str, value: Hashable, offset: int, limit: int) -> Page[T]:
        """One filter: the page is a slice of its bucket, however deep the offset."""
        bucket = self._buckets[name].get(value, [])
        end = len(bucket) - offset
        if end <= 0:
            return Page([], has_more=False)
        start = max(0, end - limit)
        chosen = bucket[start:end][::-1]
        return Page([self._records[self._key_by_seq[seq]] for seq in chosen], has_more=start > 0)

    def _matches(self, record: T, where: Mapping[str, Hashable]) -> bool:
        return all(self._index_keys[name](record) == value for name, value in where.items())
