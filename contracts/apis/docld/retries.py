"""Retries: a receiver that fails on purpose sees its delivery again, unchanged and signed,
later each time; and it is sent only the event it subscribed to."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any

from contracts.apis.docld.bench import manual, transform
from contracts.apis.docld.deliveries import STARTED, parse
from contracts.apis.docld.hooks import ONLY_SUBSCRIBED, REFUSING, RETRIES, Hooks
from contracts.apis.docld.judge import DocldExpect
from contracts.apis.docld.runs import started
from contracts.apis.docld.signature import SIGNATURE_HEADER, verifies
from contracts.lifecycle.expect import Skip


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
