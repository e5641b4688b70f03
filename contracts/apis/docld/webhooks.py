"""DocLD's webhooks suite: subscribe verify's own receiver, run workflows, and judge what
arrives (envelope, signature, order), then a failing receiver's retries."""

from __future__ import annotations

import time

from contracts.apis.docld import retries
from contracts.apis.docld.api import DocldApi
from contracts.apis.docld.bench import manual, run_case, transform
from contracts.apis.docld.deliveries import (
    COMPLETED,
    FAILED,
    WORKFLOW_EVENTS,
    Delivery,
    judge_envelope,
    judge_order,
    judge_signature,
)
from contracts.apis.docld.hooks import (
    ENVELOPE,
    FAILED_ORDER,
    ORDERED,
    OUTCOMES,
    REFUSING,
    RETRIES,
    SECRET,
    SIGNED,
    SUBSCRIBE,
    SUITE,
    Hooks,
)
from contracts.apis.docld.judge import DocldExpect
from contracts.apis.docld.runs import started
from contracts.context import RunContext
from contracts.control import ControlPlane
from contracts.lifecycle.expect import Skip
from contracts.results import SuiteResult
from contracts.webhooks.receiver import Receiver
from contracts.webhooks.suite import unreachable_receiver


def subscribe(bench: Hooks) -> None:
    expect = bench.expect(SUBSCRIBE)
    url = bench.receiver.url + bench.path
    answer = bench.api.subscribe({"url": url, "events": WORKFLOW_EVENTS, "secret": SECRET})
    made = expect.created(answer, "webhook")
    expect.equal(answer.exchange, "webhook.url", made.get("url"), url)
    expect.equal(
        answer.exchange, "webhook.events", sorted(made.get("events") or []), sorted(WORKFLOW_EVENTS)
    )
    bench.webhook_id = str(made["id"])
    bench.secret = str(made.get("secret") or SECRET)
    listed = bench.api.call("GET", "/webhooks", "GET /webhooks")
    ids = [w.get("id") for w in listed.item.get("webhooks") or [] if isinstance(w, dict)]
    expect.true(bench.webhook_id in ids, listed.exchange, f"{bench.webhook_id} listed", f"{ids}")


def completed_run(bench: Hooks) -> None:
    expect = bench.expect(ORDERED)
    _need_subscription(bench)
    steps = ["prepare", "finish"]
    document = manual(bench.label("webhooks"), [transform(step) for step in steps])
    workflow = expect.created(bench.api.create_workflow(document), "workflow")
    got = _run(bench, expect, str(workflow["id"]), len(steps) + 2)
    judge_order(expect, got, steps, COMPLETED)


def failed_run(bench: Hooks) -> None:
    expect = bench.expect(FAILED_ORDER)
    _need_subscription(bench)
    workflow_id = bench.failing_workflow(expect)
    got = _run(bench, expect, workflow_id, 3)
    judge_order(expect, got, ["prepare"], FAILED)


def _need_subscription(bench: Hooks) -> None:
    if not bench.webhook_id:
        raise Skip("the subscription could not be made (see the subscribe case)")


def _run(bench: Hooks, expect: DocldExpect, workflow_id: str, count: int) -> list[Delivery]:
    """Execute, let it end, and judge the envelope and signature of what it sent."""
    execution_id = started(expect, bench.api.execute(workflow_id, {"route": "go"}))
    bench.settle(workflow_id, execution_id)
    got = bench.arrived(execution_id, count)
    envelope, signed = bench.expect(ENVELOPE), bench.expect(SIGNED)
    for delivery in got:
        judge_envelope(envelope, delivery, bench.webhook_id)
        judge_signature(signed, delivery, bench.secret)
    return got


CASES = [
    (subscribe, (SUBSCRIBE,)),
    (completed_run, (ORDERED, ENVELOPE, SIGNED)),
    (failed_run, (FAILED_ORDER,)),
    (retries.retries, (RETRIES,)),  # ONLY_SUBSCRIBED is judged on what came, even when skipped
]


def run_webhooks(ctx: RunContext) -> SuiteResult:
    started_at = time.monotonic()
    result = SuiteResult(SUITE)
    target = ctx.target
    reason = unreachable_receiver(ctx, target.webhook_public_url)
    if reason:
        for name in OUTCOMES:
            result.outcome(name).skipped = reason
        return result
    session = ctx.session()
    api = DocldApi(target, session)
    control = ControlPlane(target, session) if ctx.control_plane else None
    host, port, public = target.webhook_host, target.webhook_port, target.webhook_public_url
    with Receiver(host, port, public, refusing=REFUSING) as receiver:
        bench = Hooks(ctx, api, control, result, receiver=receiver)
        try:
            for case, names in CASES:
                run_case(bench, case, names)
        finally:
            left = api.cleanup()
    result.notes += [f"could not delete {what}" for what in left]
    result.requests = session.sent
    result.seconds = time.monotonic() - started_at
    return result
