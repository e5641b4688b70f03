"""The single source of generated identifiers, reproducible when seeded."""

from __future__ import annotations

import random
import secrets
import threading
import uuid


class IdFactory:
    """Makes UUIDs and tokens; with a seed, every named stream repeats exactly.

    Each stream (work items, files, errors, ...) has its own generator, so an extra error or
    delivery never shifts the ids of work items made later in a seeded run.
    """

    def __init__(self, seed: int | None = None) -> None:
        self._seed = seed
        self._streams: dict[str, random.Random] = {}
        self._lock = threading.Lock()

    @property
    def seed(self) -> int | None:
        return self._seed

    def reset(self) -> None:
        """Start every stream over, as if newly created."""
        with self._lock:
            self._streams.clear()

    def _bits(self, stream: str, count: int) -> int:
        if self._seed is None:
            return secrets.randbits(count)
        with self._lock:
            generator = self._streams.get(stream)
            if generator is None:
                generator = self._streams[stream] = random.Random(f"{self._seed}:{stream}")
            return generator.getrandbits(count)

    def uuid(self, stream: str) -> str:
        """A version-4 UUID string from `stream`."""
        return str(uuid.UUID(int=self._bits(stream, 128), version=4))

    def token(self, stream: str, nbytes: int = 16) -> str:
        """A lowercase hex token of `nbytes` random bytes from `stream`."""
        return f"{self._bits(stream, nbytes * 8):0{nbytes * 2}x}"
