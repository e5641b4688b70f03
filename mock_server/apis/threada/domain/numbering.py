"""Readable sequential ids (`wi_123`, `ex_456`, `idem_789`, `rc_1`), counters kept as data.

INFERRED: the reference's examples show `wi_123`, `ex_456` and `idem_789`; whether real ids
are sequential is unknown. Sequential ids that start where the fixtures say make the
examples reproducible exactly, and are readable in tests and logs.
"""

from __future__ import annotations

from collections.abc import Mapping

PREFIXES: Mapping[str, str] = {
    "work_item": "wi_",
    "execution": "ex_",
    "idempotency_key": "idem_",
    "receipt": "rc_",
}


class Numbering:
    """The next number of each id stream; not thread-safe (the service lock guards it)."""

    def __init__(self, next_numbers: Mapping[str, int]) -> None:
        unknown = set(next_numbers) - set(PREFIXES)
        if unknown:
            raise ValueError(f"unknown id streams: {', '.join(sorted(unknown))}")
        self._next = {stream: int(next_numbers.get(stream, 1)) for stream in PREFIXES}

    @classmethod
    def starting_at(cls, numbers: Mapping[str, int]) -> Numbering:
        return cls(numbers)

    def new(self, stream: str) -> str:
        number = self._next[stream]
        self._next[stream] = number + 1
        return f"{PREFIXES[stream]}{number}"

    def export(self) -> dict[str, int]:
        return dict(self._next)

    def restore(self, next_numbers: Mapping[str, int]) -> None:
        self._next = Numbering(next_numbers)._next

    def copy(self) -> Numbering:
        return Numbering(self._next)
