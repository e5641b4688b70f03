"""DocLD's webhooks suite: subscribe verify's own receiver, run workflows, and judge what
arrives (envelope, signature, order), then a failing receiver's retries."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from contracts.apis.docld.api import DocldApi
from contracts.apis.docld.bench import Bench, manual, run_case, transform
from contracts.apis.docld.deliveries import (
    COMPLETED,
    FAILED,
    STARTED,
    WORKFLOW_EVENTS,
    Delivery,
    judge_envelope,
    judge_order,
    judge_signature,
    of_execution,
    parse,
)
from contracts.apis.docld.judge import DocldExpect
from contracts.apis.docld.runs import started
from contracts.apis.docld.signature import SIGNATURE_HEADER, verifies
from contracts.context import RunContext
from contracts.control import ControlPlane
from contracts.lifecycle.expect import Skip
from contracts.results import SuiteResult
from contracts.webhooks.receiver import Receiver
from contracts.webhooks.suite import unreachable_receiver

SUITE = "webhooks"
SUBSCRIBE = "POST /webhooks subscribes a URL to events"
ENVELOPE = "deliveries carry {event, timestamp, webhook_id, data}"
SIGNED = "deliveries are signed: HMAC-SHA256 of the raw body with the subscription's secret"
ORDERED = "a completed execution: started, step.completed per step, completed"
FAILED_ORDER = "a failed execution: started, step.completed per completed step, failed"
RETRIES = "a failing answer is retried with backoff, the same signed body each time"
ONLY_SUBSCRIBED = "a subscription is sent only the events it asked for"
OUTCOMES = (SUBSCRIBE, ENVELOPE, SIGNED, ORDERED, FAILED_ORDER, RETRIES, ONLY_SUBSCRIBED)
SECRET = "verify-docld-webhook-secret"
REFUSING = "/refused"


@dataclass
class Hooks(Bench):
    receiver: Receiver = field(kw_only=True)
    webhook_id: str = ""  # the subscription to verify's receiver, once made
    secret: str = SECRET

    @property
    def patience(self) -> float:
        """How long deliveries may take to arrive once the execution ended."""
        # With a clock, the advance that ended the execution has already delivered everything.
        return 1.0 if self.control else min(60.0, self.ctx.target.poll_timeout)

    def arrived(self, execution_id: str, count: int) -> list[Delivery]:
        """This execution's deliveries to the subscription, once `count` came or time is up."""
        inbox, deadline = self.receiver.inbox, time.monotonic() + self.patience
        while True:
            got = of_execution([parse(r) for r in inbox.under(self.path)], execution_id)
            remaining = deadline - time.monotonic()
            if len(got) >= count or remaining <= 0:
                return got
            inbox.wait_for(self.path, len(inbox.under(self.path)) + 1, min(remaining, 1.0))

    @property
    def path(self) -> str:
        return f"/{self.ctx.target.run_id}"


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


def retries(bench: Hooks) -> None:
    """A receiver that fails on purpose: its `workflow.started` comes again, unchanged."""
    expect = bench.expect(RETRIES)
    if bench.control is not None:
        attempts, times = _inbox_attempts(bench, expect)
    else:
        attempts, times = _refused_attempts(bench, expect)
    bodies = {raw for raw, _ in attempts}
    expect.true(len(bodies) == 1, None, "the same body every attempt", f"{len(bodies)} bodies")
    signed = all(verifies(bench.secret, raw, signature) for raw, signature in attempts)
    expect.true(signed, None, "every attempt signed with the secret", "a signature differs")
    gaps = [round(later - earlier, 3) for earlier, later in itertools.pairwise(times)]
    growing = all(gap > 0 for gap in gaps) and all(a < b for a, b in itertools.pairwise(gaps))
    expect.true(growing, None, "later retries wait longer (exponential backoff)", f"gaps {gaps}")


Attempts = tuple[list[tuple[bytes, str | None]], list[float]]


def _inbox_attempts(bench: Hooks, expect: DocldExpect) -> Attempts:
    """The emulator's capture inbox fails twice, then accepts: three attempts, emulated time."""
    assert bench.control is not None
    inbox = f"verify-docld-{bench.ctx.target.run_id}"
    bench.control.configure_inbox(inbox, fail_first=2)
    url = f"{bench.ctx.target.origin}/_mock/inbox/{inbox}"
    _subscribe_started(bench, expect, url)
    bench.control.advance(60)
    every = bench.control.inbox_requests(inbox)
    _only_started(bench, [str((c.get("json") or {}).get("event")) for c in every])
    captures = [c for c in every if _started(c.get("json"))]
    answers = [c["answer"]["status"] for c in captures]
    expect.true(answers == [500, 500, 200], None, "answers 500, 500, 200", f"answers {answers}")
    attempts = [
        (str(c.get("body") or "").encode("utf-8"), _header(c, SIGNATURE_HEADER)) for c in captures
    ]
    return attempts, [_instant(str(c["received_at"])) for c in captures]


def _refused_attempts(bench: Hooks, expect: DocldExpect) -> Attempts:
    """verify's receiver answers 500 under REFUSING: wait for a second attempt, in real time."""
    path = f"{REFUSING}/{bench.ctx.target.run_id}"
    _subscribe_started(bench, expect, bench.receiver.url + path)
    timeout = bench.ctx.target.poll_timeout
    every = bench.receiver.inbox.wait_for(path, 2, timeout)
    _only_started(bench, [parse(r).event for r in every])
    got = [r for r in every if parse(r).event == STARTED]
    if len(got) < 2:
        raise Skip(
            f"no retry within {timeout:g} s (--poll-timeout); DocLD documents exponential "
            "backoff but not how long it waits"
        )
    return [(r.body, r.headers.get(SIGNATURE_HEADER)) for r in got], [r.arrived for r in got]


def _subscribe_started(bench: Hooks, expect: DocldExpect, url: str) -> None:
    """A subscription to `workflow.started` at `url`, and one execution to send it."""
    body = {"url": url, "events": [STARTED], "secret": bench.secret}
    expect.created(bench.api.subscribe(body), "webhook")
    workflow = expect.created(
        bench.api.create_workflow(manual(bench.label("retried"), [transform("prepare")])),
        "workflow",
    )
    started(expect, bench.api.execute(str(workflow["id"]), {"route": "go"}))


def _only_started(bench: Hooks, events: list[str]) -> None:
    """What the `workflow.started` subscription got: nothing else."""
    others = sorted({event for event in events if event != STARTED})
    expect = bench.expect(ONLY_SUBSCRIBED)
    expect.true(not others, None, f"only {STARTED} (the one event subscribed to)", f"also {others}")


def _started(document: Any) -> bool:
    return isinstance(document, dict) and document.get("event") == STARTED


def _header(capture: dict[str, Any], name: str) -> str | None:
    headers = capture.get("headers") or {}
    return next((v for k, v in headers.items() if k.lower() == name), None)


def _instant(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


CASES = [
    (subscribe, (SUBSCRIBE,)),
    (completed_run, (ORDERED, ENVELOPE, SIGNED)),
    (failed_run, (FAILED_ORDER,)),
    (retries, (RETRIES,)),  # ONLY_SUBSCRIBED is judged on what came, even when skipped
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
