"""Runs wrk with one of the Lua scripts and reads the result line its done() hook prints."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.model import BenchError, WrkResult

LUA_DIR = Path(__file__).parent / "lua"
RESULT_PREFIX = "BENCH_RESULT "


@dataclass(frozen=True)
class Load:
    """What wrk sends: a script from `lua/`, the URL, and the script's settings."""

    script: str
    url: str
    env: Mapping[str, str] = field(default_factory=dict)


def run_wrk(
    wrk: str, load: Load, *, connections: int, duration_s: int, until: Path | None = None
) -> WrkResult:
    """One bounded run on one wrk thread (wrk's own CPU use stays small on two cores).

    With `until`, the run ends early once the script has written that file: wrk sleeps out
    its whole -d otherwise, but stops and reports at once on SIGINT.
    """
    command = [wrk, "-t1", f"-c{connections}", f"-d{duration_s}s", "--latency"]
    command += ["-s", load.script, load.url]
    process = subprocess.Popen(
        command,
        cwd=LUA_DIR,  # the scripts `require("common")` from their own folder
        env={**os.environ, **load.env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if until is not None:
        _signal_when_written(process, until, deadline=time.monotonic() + duration_s)
    try:
        stdout, stderr = process.communicate(timeout=duration_s + 30)
    except subprocess.TimeoutExpired as error:
        process.kill()
        process.communicate()
        raise BenchError(f"wrk did not finish: {' '.join(command)}") from error
    if process.returncode != 0:
        raise BenchError(f"wrk failed ({process.returncode}): {stderr.strip()}")
    return parse_result(stdout)


def _signal_when_written(process: subprocess.Popen[str], path: Path, deadline: float) -> None:
    while time.monotonic() < deadline and process.poll() is None:
        if path.exists():
            process.send_signal(signal.SIGINT)
            return
        time.sleep(0.05)


def parse_result(output: str) -> WrkResult:
    """The numbers from the `BENCH_RESULT {json}` line among wrk's human-readable output."""
    line = next((ln for ln in output.splitlines() if ln.startswith(RESULT_PREFIX)), None)
    if line is None:
        raise BenchError(f"wrk printed no result line:\n{output}")
    raw = json.loads(line.removeprefix(RESULT_PREFIX))
    return WrkResult(
        requests=raw["requests"],
        duration_s=raw["duration_us"] / 1e6,
        bytes_read=raw["bytes"],
        non_2xx=raw["non_2xx"],
        socket_errors=raw["socket_errors"],
        timeouts=raw["timeouts"],
        p50_ms=raw["p50_us"] / 1000,
        p90_ms=raw["p90_us"] / 1000,
        p99_ms=raw["p99_us"] / 1000,
        max_ms=raw["max_us"] / 1000,
        mean_ms=raw["mean_us"] / 1000,
    )
