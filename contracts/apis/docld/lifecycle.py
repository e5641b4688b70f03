"""DocLD's lifecycle suite: access rules, workflows and their refusals, executions to their
end, schedules, integrations and templates, checked over HTTP on any DocLD deployment."""

from __future__ import annotations

import time
from collections.abc import Callable

from contracts.apis.docld import refusals, resources, runs
from contracts.apis.docld.api import DocldApi
from contracts.apis.docld.bench import Bench, run_case
from contracts.context import RunContext
from contracts.control import ControlPlane
from contracts.results import SuiteResult

SUITE = "lifecycle"
HEALTH = "GET /health answers without a key"
NO_KEY = "no API key, or an unknown one, is 401 authentication_error"
REQUEST_ID = "x-request-id on every answer"
UNKNOWN_KEY = "docld_" + "0" * 31 + "f"


def health(bench: Bench) -> None:
    expect = bench.expect(HEALTH)
    answer = bench.api.call("GET", "/health", "GET /health", key=None)
    if expect.status(answer.exchange, 200):
        status = answer.item.get("status")
        expect.equal(answer.exchange, "status", status, "ok")


def authentication(bench: Bench) -> None:
    expect = bench.expect(NO_KEY)
    for key in (None, UNKNOWN_KEY):
        answer = bench.api.call("GET", "/workflows", "GET /workflows", key=key)
        expect.refused(answer, 401, "authentication_error")


def request_ids(bench: Bench) -> None:
    """Judged last, over every answer the suite got."""
    expect = bench.expect(REQUEST_ID)
    seen: set[tuple[str, int]] = set()
    for exchange in bench.api.without_request_id:
        if (exchange.operation, exchange.status) in seen:
            continue
        seen.add((exchange.operation, exchange.status))
        expect.violation(exchange, "an x-request-id header", f"none on {exchange.summary()}")


Case = tuple[Callable[[Bench], None], tuple[str, ...]]
CASES: list[Case] = [
    (health, (HEALTH,)),
    (authentication, (NO_KEY,)),
    (resources.workflows, (resources.CRUD, resources.NOT_FOUND)),
    (refusals.refusals, refusals.OUTCOMES),
    (runs.completed, (runs.EXECUTE, runs.COMPLETED)),
    (runs.skipped, (runs.SKIPPED,)),
    (runs.failed, (runs.FAILED,)),
    (runs.disabled, (runs.DISABLED,)),
    (resources.schedules, (resources.SCHEDULES,)),
    (resources.integrations, (resources.INTEGRATIONS,)),
    (resources.templates, (resources.TEMPLATES,)),
    (request_ids, (REQUEST_ID,)),
]


def run_lifecycle(ctx: RunContext) -> SuiteResult:
    started = time.monotonic()
    result = SuiteResult(SUITE)
    session = ctx.session()
    api = DocldApi(ctx.target, session)
    control = ControlPlane(ctx.target, session) if ctx.control_plane else None
    bench = Bench(ctx, api, control, result)
    try:
        for case, names in CASES[:-1]:
            run_case(bench, case, names)
    finally:
        left = api.cleanup()
    run_case(bench, *CASES[-1])
    result.notes += [f"could not delete {what}" for what in left]
    result.requests = session.sent
    result.seconds = time.monotonic() - started
    return result
