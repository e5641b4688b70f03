"""How long and how much a server waits for a request: the same rules on every server we run."""

from __future__ import annotations

from dataclasses import dataclass

from mock_server.http.refusals import Refusal

DEFAULT_READ_TIMEOUT = 10.0
# A body must arrive at least this fast on average, so a client that trickles a byte now and
# then cannot keep its connection (and the bytes buffered for it) for ever.
MIN_BYTES_PER_SECOND = 64 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """`idle_seconds`: the longest wait for the next bytes (and for a whole header block);
    the whole body gets that plus its length at MIN_BYTES_PER_SECOND."""

    idle_seconds: float = DEFAULT_READ_TIMEOUT
    max_body_bytes: int = 100 * 1024 * 1024 + 64 * 1024

    def body_seconds(self, length: int | None) -> float:
        expected = length if length is not None else self.max_body_bytes
        return self.idle_seconds + expected / MIN_BYTES_PER_SECOND

    def too_slow(self, received: int | None, length: int | None) -> Refusal:
        """`received`: bytes of a chunked body that did arrive (None: not counted)."""
        # DEVIATION: not documented; 408 with the connection closed, as servers answer it.
        got = f"{length} bytes announced" if received is None else f"{received} bytes received"
        return Refusal(
            408,
            f"The request body did not arrive in time ({got}); the connection is closed.",
            f"send the body without pausing for {self.idle_seconds:g} s or more",
        )

    def too_large(self, size: int) -> Refusal:
        return Refusal(
            400,
            f"The request body ({size} bytes or more) exceeds the server's limit "
            f"({self.max_body_bytes} bytes).",
            f"request body is {size} bytes; the limit is {self.max_body_bytes} bytes",
        )

    def broken(self, received: int | None) -> Refusal:
        got = f" ({received} bytes received)" if received is not None else ""
        return Refusal(
            400,
            f"The request body could not be read{got}.",
            "the connection closed or the body's framing is malformed",
        )
