"""The platform's callbacks: `on_status` defaulting to NEEDS_REVIEW, only its five statuses,
one attempt with exactly its six-field body, fired at the end of an agent run only."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from functools import partial
from typing import Any

from contracts.apis.sema4.platform_lifecycle.answers import platform_error
from contracts.apis.sema4.platform_lifecycle.driver import PlatformApi
from contracts.apis.sema4.platform_table import (
    CALLBACK_DEFAULT_STATUS,
    CALLBACK_FIELDS,
    CALLBACK_STATUSES,
    CALLBACK_USER_AGENT,
)
from contracts.context import RunContext
from contracts.control import ControlPlane
from contracts.lifecycle.expect import Expect, Skip, run_to_end
from contracts.lifecycle.workflows import SAFE_HOOK
from contracts.results import SuiteResult
from contracts.webhooks.contract import SIGNATURE_HEADER, expected_signature
from contracts.webhooks.receiver import Receiver
from contracts.webhooks.suite import Bench, unreachable_receiver

SUITE = "webhooks"
SECRET = "verify-webhook-secret"
REFUSED_STATUSES = ("PENDING", "EXECUTING", "DRAFT", "PAUSED", "FAILED")
DEFAULT = f"on_status defaults to {CALLBACK_DEFAULT_STATUS}"
ONLY_FIVE = "on_status takes only the platform's five statuses (422 otherwise)"
BODY = "one delivery, at the run's end, with exactly the platform's body"
NO_RETRY = "a refused delivery is not retried"
QUIET = "cancel and complete fire no callback"


def _create(bench: Bench, expect: Expect, callbacks: list[dict[str, Any]], scenario: str) -> str:
    exchange = bench.api.create({"callbacks": callbacks}, scenario=scenario)
    item_id = exchange.item.get("work_item_id")
    expect.require(expect.status(exchange, 200) and isinstance(item_id, str))
    return str(item_id)


def _run_out(bench: Bench, item_id: str) -> str:
    """Let the agent's run end: emulated time, or polling up to poll_timeout."""
    if bench.control is not None:
        bench.control.advance(60)
        return str(bench.api.get(item_id).item.get("status"))
    deadline = time.monotonic() + bench.ctx.target.poll_timeout
    while time.monotonic() < deadline:
        status = str(bench.api.get(item_id).item.get("status"))
        if status in CALLBACK_STATUSES:
            return status
        time.sleep(0.5)
    raise Skip(
        f"work item {item_id} did not end its run within {bench.ctx.target.poll_timeout:g} s"
    )


def default_status(bench: Bench, expect: Expect) -> None:
    """A callback without `on_status` is NEEDS_REVIEW's: echoed so, and called when a run
    ends there (on a real deployment, only if its agent happens to end there)."""
    tag = bench.new_tag()
    _needs_agent(bench)
    callback = {"url": f"{bench.receiver.url}/{tag}/default"}
    exchange = bench.api.create({"callbacks": [callback]}, scenario="needs_review")
    expect.require(expect.status(exchange, 200))
    callbacks = exchange.item.get("callbacks") or [{}]
    said = callbacks[0].get("on_status")
    expect.equal(exchange, "callbacks[0].on_status", said, CALLBACK_DEFAULT_STATUS)
    final = _run_out(bench, str(exchange.item.get("work_item_id")))
    wanted = 1 if final == CALLBACK_DEFAULT_STATUS else 0
    got = bench.receiver.inbox.wait_for(f"/{tag}/", 1, bench.patience if wanted else 1.0)
    expect.true(
        len(got) == wanted,
        None,
        f"{wanted} delivery for a run that ended {final}",
        f"{len(got)} deliveries",
    )


def only_five(bench: Bench, expect: Expect) -> None:
    """Needs no receiver: its URLs never resolve (RFC 2606), so nothing is ever delivered."""
    tag = bench.new_tag()
    _needs_agent(bench)
    for status in REFUSED_STATUSES:
        callback = {"url": f"{SAFE_HOOK}/{tag}/{status}", "on_status": status}
        platform_error(
            expect, bench.api.create({"callbacks": [callback]}, scenario="idle"), 422, None
        )
    every = [{"url": f"{SAFE_HOOK}/{tag}/{s}", "on_status": s} for s in CALLBACK_STATUSES]
    expect.status(bench.api.create({"callbacks": every}, scenario="idle"), 200)


def one_body(bench: Bench, expect: Expect) -> None:
    tag = bench.new_tag()
    _needs_agent(bench)
    callbacks = [
        {"url": f"{bench.receiver.url}/{tag}/{s}", "on_status": s, "signature_secret": SECRET}
        for s in CALLBACK_STATUSES
    ]
    item_id = _create(bench, expect, callbacks, "complete")
    final = _run_out(bench, item_id)
    bench.receiver.inbox.wait_for(f"/{tag}/", 1, bench.patience)
    got = bench.receiver.inbox.wait_for(f"/{tag}/", 2, 1.0)  # a second one would follow at once
    where = [delivery.path.rsplit("/", 1)[-1] for delivery in got]
    expect.true(where == [final], None, f"one delivery, for {final}", f"deliveries for {where}")
    item = bench.api.get(item_id).item
    for delivery in got[:1]:
        _judge_body(expect, delivery.body, delivery.headers, item)


def _judge_body(expect: Expect, raw: bytes, headers: dict[str, str], item: dict[str, Any]) -> None:
    try:
        body = json.loads(raw)
    except ValueError:
        expect.violation(None, "a JSON body", repr(raw[:200]))
        return
    keys = sorted(body) if isinstance(body, dict) else body
    expect.true(
        keys == sorted(CALLBACK_FIELDS), None, f"body keys {sorted(CALLBACK_FIELDS)}", f"{keys}"
    )
    for name in ("work_item_id", "agent_id", "thread_id", "status", "work_item_url"):
        wanted, sent = item.get(name), body.get(name) if isinstance(body, dict) else None
        expect.true(sent == wanted, None, f"{name} = {wanted!r}", f"{name} = {sent!r}")
    agent = headers.get("user-agent")
    expect.true(
        agent == CALLBACK_USER_AGENT, None, f"User-Agent: {CALLBACK_USER_AGENT}", f"{agent}"
    )
    signature, wanted_signature = headers.get(SIGNATURE_HEADER), expected_signature(SECRET, raw)
    expect.true(
        signature == wanted_signature,
        None,
        f"{SIGNATURE_HEADER}: {wanted_signature}",
        f"{signature}",
    )


def no_retry(bench: Bench, expect: Expect) -> None:
    if bench.control is None:
        raise Skip("needs the emulator's control plane (a capture inbox that fails, and its clock)")
    _needs_agent(bench)
    inbox = f"verify-{uuid.uuid4().hex[:12]}"
    bench.control.configure_inbox(inbox, fail_first=3)
    url = f"{bench.ctx.target.origin}/_mock/inbox/{inbox}"
    _create(bench, expect, [{"url": url, "on_status": "COMPLETED"}], "complete")
    bench.control.advance(120)  # past any retry schedule
    answers = [capture["answer"]["status"] for capture in bench.control.inbox_requests(inbox)]
    expect.true(
        answers == [500], None, "one attempt, answered 500, never retried", f"answers {answers}"
    )


def quiet_actions(bench: Bench, expect: Expect) -> None:
    tag = bench.new_tag()
    _needs_agent(bench)
    callbacks = [
        {"url": f"{bench.receiver.url}/{tag}/{s}", "on_status": s}
        for s in ("CANCELLED", "COMPLETED")
    ]
    item_id = _create(bench, expect, callbacks, "idle")
    for action in ("cancel", "complete"):
        expect.require(expect.status(bench.api.act(item_id, action), 200))
    if bench.control is not None:
        bench.control.advance(60)
    got = bench.receiver.inbox.wait_for(f"/{tag}/", 1, 2.0 if bench.control else bench.patience)
    where = [delivery.path.rsplit("/", 1)[-1] for delivery in got]
    expect.true(not got, None, "no delivery after cancel and complete", f"deliveries for {where}")


def _needs_agent(bench: Bench) -> None:
    if not bench.api.agent_id:
        raise Skip("no agent to assign work items to: pass --agent-id")


CASES: list[tuple[str, Callable[[Bench, Expect], None]]] = [
    (DEFAULT, default_status),
    (ONLY_FIVE, only_five),
    (BODY, one_body),
    (NO_RETRY, no_retry),
    (QUIET, quiet_actions),
]


def run_platform_webhooks(ctx: RunContext) -> SuiteResult:
    started = time.monotonic()
    result = SuiteResult(SUITE)
    target = ctx.target
    reason = unreachable_receiver(ctx, target.webhook_public_url)
    client = ctx.client()
    control = ControlPlane(target, client.session) if ctx.control_plane else None
    api = PlatformApi(client, ctx.agent_id, ctx.control_plane)
    with Receiver(target.webhook_host, target.webhook_port, target.webhook_public_url) as receiver:
        bench = Bench(ctx, api, control, receiver, result)
        for name, case in CASES:
            if reason and case is not only_five:
                result.outcome(name).skipped = reason
                continue
            run_to_end(bench.expect(name), partial(case, bench), "the case")
    result.requests = client.session.sent
    result.seconds = time.monotonic() - started
    return result
