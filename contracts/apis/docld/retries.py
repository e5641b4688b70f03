"""Retries: a receiver that fails on purpose sees its delivery again, unchanged and signed,
later each time; and it is sent only the event it subscribed to."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any

from contracts.apis.docld.bench import manual, transform
from contracts.apis.docld.deliveries import STARTED
from contracts.apis.docld.hooks import ONLY_SUBSCRIBED, REFUSING, RETRIES, SECRET, Hooks
from contracts.apis.docld.judge import DocldExpect
from contracts.apis.docld.runs import started
from contracts.apis.docld.signature import SIGNATURE_HEADER, verifies
from contracts.lifecycle.expect import Skip


def retries(bench: Hooks) -> None:
    """A receiver that fails on purpose: its `workflow.started` comes again, unchanged."""
    expect = bench.expect(RETRIES)
    if bench.control is not None:
        secret, attempts, times = _inbox_attempts(bench, expect)
    else:
        secret, attempts, times = _refused_attempts(bench, expect)
    bodies = {raw for raw, _ in attempts}
    expect.true(len(bodies) == 1, None, "the same body every attempt", f"{len(bodies)} bodies")
    signed = all(verifies(secret, raw, signature) for raw, signature in attempts)
    expect.true(signed, None, "every attempt signed with the secret", "a signature differs")
    if bench.control is None:  # real time and network jitter: a second attempt is enough
        bench.result.notes.append("retries: backoff growth is judged on the emulator clock only")
        return
    gaps = [round(later - earlier, 3) for earlier, later in itertools.pairwise(times)]
    growing = all(gap > 0 for gap in gaps) and all(a < b for a, b in itertools.pairwise(gaps))
    expect.true(growing, None, "later retries wait longer (exponential backoff)", f"gaps {gaps}")


# The subscription's secret; each attempt's raw body and signature; when each arrived.
Attempts = tuple[str, list[tuple[bytes, str | None]], list[float]]


def _inbox_attempts(bench: Hooks, expect: DocldExpect) -> Attempts:
    """The emulator's capture inbox fails twice, then accepts: three attempts, emulated time."""
    assert bench.control is not None
    inbox = f"verify-docld-{bench.ctx.target.run_id}"
    bench.control.configure_inbox(inbox, fail_first=2)
    url = f"{bench.ctx.target.origin}/_mock/inbox/{inbox}"
    secret, execution_id = _subscribe_started(bench, expect, url)
    bench.control.advance(60)
    every = bench.control.inbox_requests(inbox)
    _only_started(bench, [str((c.get("json") or {}).get("event")) for c in every])
    captures = [c for c in every if _started(c.get("json"), execution_id)]
    answers = [c["answer"]["status"] for c in captures]
    expect.true(answers == [500, 500, 200], None, "answers 500, 500, 200", f"answers {answers}")
    attempts = [
        (str(c.get("body") or "").encode("utf-8"), _header(c, SIGNATURE_HEADER)) for c in captures
    ]
    return secret, attempts, [_instant(str(c["received_at"])) for c in captures]


def _refused_attempts(bench: Hooks, expect: DocldExpect) -> Attempts:
    """verify's receiver answers 500 under REFUSING: wait for a second attempt, in real time."""
    path = f"{REFUSING}/{bench.ctx.target.run_id}"
    secret, execution_id = _subscribe_started(bench, expect, bench.receiver.url + path)
    timeout = bench.ctx.target.poll_timeout
    got = bench.arrived(execution_id, 2, path, timeout)
    _only_started(bench, [delivery.event for delivery in got])
    got = [delivery for delivery in got if delivery.event == STARTED]
    if len(got) < 2:
        raise Skip(
            f"no retry within {timeout:g} s (--poll-timeout); DocLD documents exponential "
            "backoff but not how long it waits"
        )
    return secret, [(d.raw, d.headers.get(SIGNATURE_HEADER)) for d in got], []


def _subscribe_started(bench: Hooks, expect: DocldExpect, url: str) -> tuple[str, str]:
    """A subscription to `workflow.started` at `url` (its secret) and an execution to send it
    (its id)."""
    body = {"url": url, "events": [STARTED], "secret": SECRET}
    made = expect.created(bench.api.subscribe(body), "webhook")
    workflow = expect.created(
        bench.api.create_workflow(manual(bench.label("retried"), [transform("prepare")])),
        "workflow",
    )
    execution_id = started(expect, bench.api.execute(str(workflow["id"]), {"route": "go"}))
    return str(made.get("secret") or SECRET), execution_id


def _only_started(bench: Hooks, events: list[str]) -> None:
    """What the `workflow.started` subscription got: nothing else."""
    others = sorted({event for event in events if event != STARTED})
    expect = bench.expect(ONLY_SUBSCRIBED)
    expect.true(not others, None, f"only {STARTED} (the one event subscribed to)", f"also {others}")


def _started(document: Any, execution_id: str) -> bool:
    """A `workflow.started` of this execution."""
    if not isinstance(document, dict) or document.get("event") != STARTED:
        return False
    data = document.get("data")
    return isinstance(data, dict) and data.get("execution_id") == execution_id


def _header(capture: dict[str, Any], name: str) -> str | None:
    headers = capture.get("headers") or {}
    return next((v for k, v in headers.items() if k.lower() == name), None)


def _instant(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
