"""Wall time of a full `workitems-mock verify` against a served emulator, median of runs."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import servers
from benchmarks.markdown import table
from benchmarks.model import BenchError, Context

RUNS = 3
KEYS = ["--api-key", "local-dev-key", "--readonly-key", "local-readonly-key"]
TIMEOUT_S = 600  # bounds a run that hangs; ten times the target


@dataclass(frozen=True)
class VerifyRun:
    seconds: float  # wall time of the whole command, start-up included
    exit_status: int
    violations: int
    suites: tuple[tuple[str, float, int], ...]  # (suite, seconds, requests), as verify counted

    @property
    def passed(self) -> bool:
        return self.exit_status == 0


def launcher() -> list[str]:
    script = Path(sys.executable).parent / "workitems-mock"
    return [str(script)] if script.exists() else [sys.executable, "-m", "mock_server"]


def measure(ctx: Context, runs: int = RUNS) -> list[VerifyRun]:
    """Each run against a freshly started emulator (`serve` defaults), all four suites."""
    results = []
    for number in range(1, runs + 1):
        with servers.emulator(ctx, "emulator-verify") as server:
            results.append(_run(ctx, server.base_url, number))
        sys.stderr.write(
            f"[bench] verify run {number}: {results[-1].seconds:.1f} s, "
            f"exit status {results[-1].exit_status}\n"
        )
    return results


def _run(ctx: Context, base_url: str, number: int) -> VerifyRun:
    report = ctx.work_dir / f"verify-{number}.json"
    report.unlink(missing_ok=True)
    command = [*launcher(), "verify", "--base-url", base_url, *KEYS, "--report", str(report)]
    started = time.monotonic()
    with (ctx.work_dir / f"verify-{number}.log").open("wb") as log:
        try:
            status = subprocess.run(
                command, cwd=ctx.root, stdout=log, stderr=subprocess.STDOUT, timeout=TIMEOUT_S
            ).returncode
        except subprocess.TimeoutExpired as error:
            raise BenchError(f"verify run {number} took over {TIMEOUT_S} s") from error
    seconds = time.monotonic() - started
    if not report.exists():
        raise BenchError(f"verify run {number} wrote no report; see .bench/verify-{number}.log")
    document = json.loads(report.read_text())
    suites = tuple((s["suite"], s["seconds"], s["requests"]) for s in document["suites"])
    return VerifyRun(seconds, status, len(document["violations"]), suites)


def median_seconds(runs: Sequence[VerifyRun]) -> float:
    return statistics.median(run.seconds for run in runs)


def render(runs: Sequence[VerifyRun]) -> str:
    names = [name for name, _, _ in runs[0].suites] if runs else []
    headers = ["run", "wall time", "exit status", "violations", *(f"{n} s" for n in names)]
    rows = [
        [
            str(number),
            f"{run.seconds:.1f} s",
            str(run.exit_status),
            str(run.violations),
            *(f"{seconds:.1f}" for _, seconds, _ in run.suites),
        ]
        for number, run in enumerate(runs, start=1)
    ]
    requests = [f"{name} {count:,}" for name, _, count in runs[0].suites] if runs else []
    return (
        table(headers, rows)
        + f"\n\nRequests per suite (run 1): {', '.join(requests)}."
        + "\n\nSuite seconds are verify's own count; wall time is the whole command, "
        "Python's start-up and imports included."
    )
