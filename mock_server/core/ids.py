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
        self._draws: dict[str, int] = {}
        self._lock = threading.Lock()

    @property
    def seed(self) -> int | None:
        return self._seed

    def reset(self) -> None:
        """Start every stream over, as if newly created."""
        with self._lock:
            self._streams.clear()
            self._draws.clear()

    def draws(self) -> dict[str, int]:
        """How far each stream has advanced, in 32-bit words (for snapshots of seeded runs)."""
        with self._lock:
            return dict(self._draws)

    def reseed(self, seed: int | None, draws: dict[str, int]) -> None:
        """Take `seed`, then advance each stream as far as `draws` says it had gone."""
        self._seed = seed
        self.fast_forward(draws)

    def fast_forward(self, draws: dict[str, int]) -> None:
        """Start over, then advance each stream as far as `draws` says it had gone."""
        self.reset()
        if self._seed is None:
            return
        for stream, words in draws.items():
            for _ in range(words):
                self._bits(stream, 32)

    def _bits(self, stream: str, count: int) -> int:
        with self._lock:
            generator = self._streams.get(stream)
            if generator is None:
                # Unseeded streams start from the OS's randomness once, then draw cheaply: ids
                # must be unique and unguessable enough for a local emulator, not secret keys.
                seed = f"{self._seed}:{stream}" if self._seed is not None else secrets.randbits(128)
                generator = self._streams[stream] = random.Random(seed)
            if self._seed is not None:  # only a seeded run can be replayed to this point
                # Counted in 32-bit words, the unit the Mersenne Twister consumes per draw.
                self._draws[stream] = self._draws.get(stream, 0) + (count + 31) // 32
            return generator.getrandbits(count)

    def uuid(self, stream: str) -> str:
        """A version-4 UUID string from `stream`."""
        return str(uuid.UUID(int=self._bits(stream, 128), version=4))

    def secret(self, nbytes: int = 16) -> str:
        """A lowercase hex secret of `nbytes` bytes from the OS, never from the seed.

        API keys, upload tokens and signing secrets must not repeat from one seeded run to
        the next: a seed makes ids and error ids reproducible, not credentials guessable.
        """
        return secrets.token_hex(nbytes)

    def token(self, stream: str, nbytes: int = 16) -> str:
        """A lowercase hex token of `nbytes` random bytes from `stream`."""
        return f"{self._bits(stream, nbytes * 8):0{nbytes * 2}x}"
