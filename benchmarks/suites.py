"""The chapters of a run, in order: each measures, renders its section and checks its targets."""

from __future__ import annotations

from collections.abc import Callable

from benchmarks import goals, scale, throughput, throughput_report, verify, webhook_stats, webhooks
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
  to a file). **Prism, log silenced**: the same with `-v warn`, Prism's fastest setting. Both
  mock the spec with its `callbacks` removed: with them, Prism tries a callback POST on every
  create (to a URL the body does not give, so it fails and logs an error), which triples its
  CPU per create; the emulator sends nothing when no callback is registered.
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
cost, without queueing) against every size in turn; each figure in the table is its median
over the rounds (each column on its own, as above). Resident memory is `VmRSS` of each
emulator's granian worker (the child of the serve process), read after the queries; "empty"
is a worker before any create.
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


WEBHOOKS_INTRO = f"""\
A receiver (`benchmarks/receiver.py`: a bare WSGI app on the emulator's granian settings, in
its own process) notes the wall time each delivery reaches it. The emulators are
`workitems-mock serve` with its defaults (auth, validation and the journal on).

**Latency**: a real-clock emulator; one client creates {webhooks.LATENCY_ITEMS} items per series,
one every {webhooks.GAP_S * 1000:g} ms (so nothing queues), each with one signed callback.
Latency is the arrival time minus the delivery body's `timestamp`, the item's
`status_updated_at` from the emulator clock, which in real mode is the wall clock:
scheduling, building and signing the body, the thread hand-off, a new TCP connection and the
POST, all included.

**Bursts**: an emulator started with `--clock manual`; {webhooks.BURST_ITEMS:,} items are created
with a COMPLETED callback and `Prefer: scenario=instant`, so their agent steps wait on the
stopped clock; then one call releases them all. `advance` runs every due task on the request
thread in order and waits for each delivery before the next task (manual time is
deterministic: one delivery at a time, and the call answers when all are done): the first
arrival comes after all the agent steps. Switching to real time leaves them to the
background scheduler, which hands each attempt to the dispatcher's thread pool; it notices
the switch at its next idle re-check (every 0.5 s), which is most of its first arrival.
Times are from sending the releasing call.
"""

CONTRACT_INTRO = f"""\
`workitems-mock verify --base-url <emulator> {" ".join(verify.KEYS)}`: all four suites with
default settings, each run against a freshly started `workitems-mock serve` (defaults),
{verify.RUNS} runs; the target is on the median wall time.
"""


def run_webhooks(ctx: Context) -> Section:
    series, bursts, ceiling = webhooks.measure(ctx)
    body = "\n\n".join(
        [
            WEBHOOKS_INTRO,
            webhook_stats.render_latency(series),
            webhook_stats.render_bursts(bursts),
            webhook_stats.render_ceiling(ceiling),
        ]
    )
    return Section("Webhooks", body, tuple(goals.webhook_checks(series, bursts)))


def run_contract(ctx: Context) -> Section:
    runs = verify.measure(ctx)
    body = CONTRACT_INTRO + "\n" + verify.render(runs)
    return Section("Contract suite", body, tuple(goals.verify_checks(runs)))


SUITES: dict[str, Callable[[Context], Section]] = {
    "throughput": run_throughput,
    "scale": run_scale,
    "webhooks": run_webhooks,
    "contract": run_contract,
}
