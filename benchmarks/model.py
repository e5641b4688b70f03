"""What the benchmark suites measure and hand to the report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


class BenchError(RuntimeError):
    """A benchmark could not run; the message says what to do about it."""


@dataclass(frozen=True)
class WrkResult:
    """One wrk run, as exact numbers from the done() hook of the Lua scripts."""

    requests: int
    duration_s: float
    bytes_read: int
    non_2xx: int
    socket_errors: int
    timeouts: int
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float
    server_cpu_s: float = 0.0  # CPU time the serving process used during the run

    @property
    def cpu_us_per_request(self) -> float:
        """Server CPU per request: steadier than req/s on a machine whose speed drifts."""
        return self.server_cpu_s * 1e6 / self.requests if self.requests else 0.0

    @property
    def requests_per_s(self) -> float:
        return self.requests / self.duration_s if self.duration_s else 0.0

    @property
    def bytes_per_response(self) -> float:
        return self.bytes_read / self.requests if self.requests else 0.0

    @property
    def failed_share(self) -> float:
        """Responses that were not 2xx/3xx, or never came, as a share of all requests."""
        failed = self.non_2xx + self.socket_errors + self.timeouts
        return failed / self.requests if self.requests else 0.0


@dataclass(frozen=True)
class ScaleRow:
    """The emulator holding `items` work items: worker memory and single-client latencies."""

    items: int
    rss_mb: float
    latencies: Mapping[str, WrkResult]  # query key -> result
    items_per_s: float = 0.0  # how fast this step's items were created


@dataclass(frozen=True)
class Check:
    """One target from issue 8; `met` is None while it cannot be measured yet, or when the
    issue asks for the figure without a target (`reported`)."""

    goal: str
    measured: str
    met: bool | None
    reported: bool = False


@dataclass(frozen=True)
class Section:
    """A chapter of BENCHMARKS.md: markdown body and the targets it evaluated."""

    title: str
    body: str
    checks: tuple[Check, ...] = ()


@dataclass(frozen=True)
class Context:
    """Where the run works and what it runs with."""

    root: Path
    work_dir: Path  # .bench/, git-ignored: Prism, ids files, server logs
    wrk: str
    prism: Path
    duration_s: int
    rounds: int
    scale_sizes: tuple[int, ...] = (1_000, 10_000, 100_000)
    versions: dict[str, str] = field(default_factory=dict)
