"""The chapters of a run, in order: each measures, renders its section and checks its targets."""

from __future__ import annotations

from collections.abc import Callable

from benchmarks import goals, pending, scale, throughput, throughput_report
from benchmarks.loading import LOAD_CONNECTIONS, PREFER_IDLE
from benchmarks.model import Context, Section

THROUGHPUT_INTRO = f"""\
Each cell is one wrk run of {{duration}} s on one wrk thread with keep-alive connections; every
round runs every operation, connection count and server back to back, so drift hits them
alike; an unrecorded one-second run of each operation on each server warms them up first
(node's JIT makes Prism's first seconds twice as costly). `server CPU µs/req` is the CPU time
of the serving process (granian's worker with all its threads, or Prism's node process)
divided by the requests it answered: steadier than req/s when the machine's speed drifts.
Summary rows are the medians over the rounds (each column on its own); every run is listed
at the end.

- **emulator**: `workitems-mock serve` with its defaults (granian, one worker, default request
  threads, real clock), auth and request validation on. Every item is created with
  `Prefer: {PREFER_IDLE}`, so the simulated agent never moves it while we measure.
- **Prism**: `prism mock openapi.yaml` as people run it (log level `info`, one line per request,
  to a file). **Prism, log silenced**: the same with `-v warn`, Prism's fastest setting.
- **hello-world ceiling**: a bare Flask view returning a fixed four-field object, on the same
  granian settings as `serve` (`benchmarks/hello.py`). GET only.
- GET picks a random id from {throughput.POOL_SIZE:,} loaded items; create cycles through three
  agents; the list page is `{throughput.LIST_QUERY}`; the lifecycle action alternates cancel
  and continue over a fresh pool of {throughput.ACTION_POOL_SIZE:,} PENDING items (pass 1 cancels
  each, pass 2 continues each, ...), so every request is legal: any 412 shows in `non-2xx`.
"""

SCALE_INTRO = f"""\
One emulator per size, all running at once, each filled through the API (wrk,
{{connections}} connections, three agents, `Prefer: {PREFER_IDLE}`). Then, in each of
{{rounds}} rounds, every query runs for {{duration}} s with one connection (the per-request
cost, without queueing) against every size in turn; the table shows the run with the median
p50 per size and query. Resident memory is `VmRSS` of each emulator's granian worker (the
child of the serve process), read after the queries; "empty" is a worker before any create.
"""


def run_throughput(ctx: Context) -> Section:
    samples = throughput.measure(ctx)
    stats = throughput.summarize(samples)
    intro = THROUGHPUT_INTRO.format(duration=ctx.duration_s)
    body = intro + "\n" + throughput_report.render(stats, samples, ctx.rounds)
    return Section("Throughput and latency", body, tuple(goals.throughput_checks(stats)))


def run_scale(ctx: Context) -> Section:
    empty_rss, rows = scale.measure(ctx, ctx.scale_sizes)
    intro = SCALE_INTRO.format(
        connections=LOAD_CONNECTIONS, rounds=ctx.rounds, duration=ctx.duration_s
    )
    body = intro + "\n" + scale.render(empty_rss, rows)
    return Section("Scale", body, tuple(goals.scale_checks(rows)))


SUITES: dict[str, Callable[[Context], Section]] = {
    "throughput": run_throughput,
    "scale": run_scale,
    "webhooks": pending.webhooks,
    "contract": pending.contract_suite,
}
