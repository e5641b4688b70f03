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


@dataclass(frozen=True)
class Seek(Generic[T]):
    """A keyset page: `next_before` continues it (None on the last page)."""

    records: list[T]
    next_before: int | None


class IndexedStore(Generic[T]):
    """Keeps records in insertion order and indexes them by named derived values.

    Records are treated as immutable values: `replace` swaps a record for its new version and
    moves it between index buckets. A bucket holds insertion sequence numbers in ascending
    order, so a newest-first page walks one bucket backwards and touches only
    `offset + limit` entries, never the whole store. A removed record leaves a hole (None) in
    the sequence, so every other record keeps its number and its buckets stay sorted. Not
    thread-safe: callers hold their lock. Every write inside a unit of work (`core.atomic`)
    is undone if the unit fails.
    """

    def __init__(self, key: Callable[[T], str], indexes: Mapping[str, IndexKey[T]]) -> None:
        self._key = key
        self._index_keys = dict(indexes)
        self._clear()

    def _clear(self) -> None:
        self._records: dict[str, T] = {}
        self._seq_by_key: dict[str, int] = {}
        self._key_by_seq: list[str | None] = []  # None where a record was removed
        self._buckets: dict[str, dict[Hashable, list[int]]] = {n: {} for n in self._index_keys}

    def clear(self) -> None:
        saved = (self._records, self._seq_by_key, self._key_by_seq, self._buckets)
        self._clear()
        on_rollback(lambda: self._restore(*saved))

    def _restore(
        self,
        records: dict[str, T],
        seq_by_key: dict[str, int],
        key_by_seq: list[str | None],
        buckets: dict[str, dict[Hashable, list[int]]],
    ) -> None:
        self._records, self._seq_by_key = records, seq_by_key
        self._key_by_seq, self._buckets = key_by_seq, buckets

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[T]:
        """Records in insertion order."""
        return (self._records[key] for key in self._key_by_seq if key is not None)

    def newest(self, limit: int) -> Iterator[T]:
        """The `limit` most recently added records, newest first."""
        given = 0
        for key in reversed(self._key_by_seq):
            if given >= limit:
                return
            if key is not None:
                given += 1
                yield self._records[key]

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

    def _at(self, seq: int) -> T:
        """The record added as number `seq`; buckets hold only live numbers."""
        key = self._key_by_seq[seq]
        assert key is not None, f"record {seq} was removed but is still indexed"
        return self._records[key]

    def remove(self, key: str) -> T | None:
        """Take the record out of the store and every bucket; the removed record, or None."""
        record = self._records.pop(key, None)
        if record is None:
            return None
        seq = self._seq_by_key.pop(key)
        self._key_by_seq[seq] = None
        for name, index_key in self._index_keys.items():
            self._remove_seq(self._buckets[name], index_key(record), seq)
        on_rollback(lambda: self._put_back(record, seq))
        return record

    def _put_back(self, record: T, seq: int) -> None:
        """Undo a `remove`: the record takes its old number again."""
        key = self._key(record)
        self._records[key] = record
        self._seq_by_key[key] = seq
        self._key_by_seq[seq] = key
        for name, index_key in self._index_keys.items():
            bisect.insort(self._buckets[name].setdefault(index_key(record), []), seq)

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
            # Buckets hold only live sequence numbers, never a removed record's hole.
            record = self._at(seq)
            if not self._matches(record, where) or (also is not None and not also(record)):
                continue
            if skipped < offset:
                skipped += 1
                continue
            if len(found) == limit:
                return Page(found, has_more=True)
            found.append(record)
        return Page(found, has_more=False)

    def seek(
        self,
        where: Mapping[str, Hashable],
        limit: int,
        before: int | None = None,
        also: Callable[[T], bool] | None = None,
        stop: Callable[[T], bool] | None = None,
    ) -> Seek[T]:
        """Like `page`, but continuing below insertion number `before` instead of skipping an
        offset: a cursor that records added meanwhile never shift, found by bisection however
        deep. `stop` says a record and every older one can no longer match (a time range
        over records added in time order), which ends the walk early."""
        if not where:
            raise ValueError("seek() needs at least one index filter")
        candidates = [self._buckets[name].get(value, []) for name, value in where.items()]
        narrowest = min(candidates, key=len)
        end = len(narrowest) if before is None else bisect.bisect_left(narrowest, before)
        if len(where) == 1 and also is None and stop is None:
            start = max(0, end - limit)
            chosen = narrowest[start:end][::-1]
            records = [self._at(seq) for seq in chosen]
            return Seek(records, chosen[-1] if start > 0 and chosen else None)
        found: list[T] = []
        last = 0
        for position in range(end - 1, -1, -1):
            seq = narrowest[position]
            record = self._at(seq)
            if stop is not None and stop(record):
                break
            if not self._matches(record, where) or (also is not None and not also(record)):
                continue
            if len(found) == limit:
                return Seek(found, last)  # one more matches: the page is not the last
            found.append(record)
            last = seq
        return Seek(found, None)

    def _slice(self, name: str, value: Hashable, offset: int, limit: int) -> Page[T]:
        """One filter: the page is a slice of its bucket, however deep the offset."""
        bucket = self._buckets[name].get(value, [])
        end = len(bucket) - offset
        if end <= 0:
            return Page([], has_more=False)
        start = max(0, end - limit)
        chosen = bucket[start:end][::-1]
        records = [self._at(seq) for seq in chosen]
        return Page(records, has_more=start > 0)

    def _matches(self, record: T, where: Mapping[str, Hashable]) -> bool:
        return all(self._index_keys[name](record) == value for name, value in where.items())
