"""Registers callbacks at verify's own receiver, drives work items, and judges each delivery."""

from __future__ import annotations

import ipaddress
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from contracts.context import RunContext
from contracts.control import ControlPlane
from contracts.lifecycle.api import WorkItemsApi
from contracts.lifecycle.expect import Expect, Skip, Stop
from contracts.lifecycle.table import STATUSES
from contracts.results import SuiteResult
from contracts.webhooks.judge import (
    ACTION,
    CONTRACT,
    ORDERED,
    RETRIES,
    SECRET,
    SIGNED,
    UNSIGNED,
    judge_delivery,
    judge_order,
)
from contracts.webhooks.receiver import Receiver

SUITE = "webhooks"
CALLBACK_STATUSES = [s for s in STATUSES if s != "PRECREATED"]
TERMINAL = {"PAUSED", "COMPLETED", "FAILED", "CANCELLED"}


@dataclass
class Bench:
    """What every webhook case works with."""

    ctx: RunContext
    api: WorkItemsApi
    control: ControlPlane | None
    receiver: Receiver
    result: SuiteResult
    cases: int = 0

    def expect(self, name: str) -> Expect:
        return Expect(self.result.outcome(name), suite=SUITE)

    def new_tag(self) -> str:
        self.cases += 1
        return f"{self.ctx.target.run_id}-{self.cases}"

    @property
    def patience(self) -> float:
        """How long deliveries may take to arrive once the item is where it will stay."""
        return 5.0 if self.control else min(60.0, self.ctx.target.poll_timeout)


def unreachable_receiver(ctx: RunContext, public_url: str | None) -> str | None:
    """Why the target could not call a loopback receiver back, if that is the case."""
    if public_url:
        return None
    host = urlsplit(ctx.target.root).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if loopback:
        return None
    return (
        f"{host} cannot reach a receiver on this machine's loopback; "
        "run verify with --webhook-public-url (e.g. a tunnel to --webhook-port)"
    )


def run_webhooks(ctx: RunContext) -> SuiteResult:
    started = time.monotonic()
    result = SuiteResult(SUITE)
    target = ctx.target
    reason = unreachable_receiver(ctx, target.webhook_public_url)
    if reason:
        for name in (CONTRACT, SIGNED, ORDERED, ACTION, RETRIES):
            result.outcome(name).skipped = reason
        return result
    client = ctx.client()
    control = ControlPlane(target, client.session) if ctx.control_plane else None
    api = WorkItemsApi(client, ctx.agent_id, ctx.control_plane)
    with Receiver(target.webhook_host, target.webhook_port, target.webhook_public_url) as receiver:
        bench = Bench(ctx, api, control, receiver, result)
        for case, names in CASES:
            _run(bench, case, names)
    result.requests = client.session.sent
    result.seconds = time.monotonic() - started
    return result


def _run(bench: Bench, case: Callable[[Bench], None], names: tuple[str, ...]) -> None:
    try:
        case(bench)
    except Stop:
        pass  # the violation that stopped it is already recorded
    except Skip as skip:
        for name in names:
            outcome = bench.result.outcome(name)
            if not outcome.violations:
                outcome.skipped = str(skip)


def _create(bench: Bench, expect: Expect, callbacks: list[dict[str, Any]], scenario: str) -> str:
    exchange = bench.api.create({"callbacks": callbacks}, scenario=scenario)
    item_id = exchange.item.get("work_item_id")
    expect.require(expect.status(exchange, 200) and isinstance(item_id, str))
    return str(item_id)


def _settle(bench: Bench, item_id: str) -> str:
    """Let the item run: emulated time on the emulator, real polling elsewhere."""
    if bench.control is not None:
        bench.control.advance(5)
        return str(bench.api.get(item_id).item.get("status"))
    deadline = time.monotonic() + bench.ctx.target.poll_timeout
    status = "PENDING"
    while time.monotonic() < deadline:
        status = str(bench.api.get(item_id).item.get("status"))
        if status in TERMINAL:
            return status
        time.sleep(0.5)
    raise Skip(f"work item {item_id} did not settle within {bench.ctx.target.poll_timeout:g} s")


def status_deliveries(bench: Bench) -> None:
    """One callback per status, all signed but one; the item runs to its end."""
    tag = bench.new_tag()
    callbacks = [
        {"url": f"{bench.receiver.url}/{tag}/{status}", "on_status": status}
        | ({} if status == UNSIGNED else {"signature_secret": SECRET})
        for status in CALLBACK_STATUSES
    ]
    contract, signed, ordered = bench.expect(CONTRACT), bench.expect(SIGNED), bench.expect(ORDERED)
    item_id = _create(bench, contract, callbacks, "complete")
    final = _settle(bench, item_id)
    expected = 3 if bench.control else 1  # PENDING, EXECUTING, COMPLETED on the emulator
    got = bench.receiver.inbox.wait_for(f"/{tag}/", expected, bench.patience)
    item = bench.api.get(item_id).item
    for delivery in got:
        judge_delivery(contract, signed, delivery, item)
    judge_order(ordered, got, final, expected)


def action_delivery(bench: Bench) -> None:
    """Cancelling through the API fires the CANCELLED callback."""
    expect = bench.expect(ACTION)
    tag = bench.new_tag()
    callback = {"url": f"{bench.receiver.url}/{tag}/CANCELLED", "on_status": "CANCELLED"}
    item_id = _create(bench, expect, [callback], "idle")
    cancelled = bench.api.act(item_id, "cancel")
    expect.require(expect.status(cancelled, 200))
    if bench.control is not None:
        bench.control.advance(0)
    got = bench.receiver.inbox.wait_for(f"/{tag}/", 1, bench.patience)
    expect.true(
        len(got) == 1, cancelled, "one CANCELLED delivery after a cancel", f"{len(got)} deliveries"
    )


def retry_schedule(bench: Bench) -> None:
    """An inbox failing twice on purpose sees three attempts, 1 s then 2 s apart."""
    if bench.control is None:
        raise Skip("needs the emulator's control plane (a capture inbox that fails on purpose)")
    expect = bench.expect(RETRIES)
    inbox = f"verify-{bench.new_tag()}"
    bench.control.configure_inbox(inbox, fail_first=2)
    callback = {"url": f"{bench.ctx.target.origin}/_mock/inbox/{inbox}", "on_status": "PENDING"}
    _create(bench, expect, [callback], "idle")
    bench.control.advance(10)
    captures = bench.control.inbox_requests(inbox)
    answers = [capture["answer"]["status"] for capture in captures]
    expect.true(
        answers == [500, 500, 200],
        None,
        "answers 500, 500, 200 (two retries)",
        f"answers {answers}",
    )
    times = [_instant(capture["received_at"]) for capture in captures]
    gaps = [round(later - earlier, 3) for earlier, later in itertools.pairwise(times)]
    near = len(gaps) == 2 and abs(gaps[0] - 1) < 0.25 and abs(gaps[1] - 2) < 0.25
    expect.true(near, None, "retries 1 s, then 2 s after a failure (emulator time)", f"gaps {gaps}")
    expect.true(
        len({capture["body"] for capture in captures}) <= 1,
        None,
        "the same body every attempt",
        "bodies differ",
    )


def _instant(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


CASES: list[tuple[Callable[[Bench], None], tuple[str, ...]]] = [
    (status_deliveries, (CONTRACT, SIGNED, ORDERED)),
    (action_delivery, (ACTION,)),
    (retry_schedule, (RETRIES,)),
]
