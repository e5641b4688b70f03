"""What the read operations answer about a walked task: get, result and its files, events, list."""

from __future__ import annotations

import itertools

from contracts.apis.agentwork.lifecycle.expect import AgentworkExpect, Skip
from contracts.apis.agentwork.lifecycle.journey import Walk
from contracts.apis.agentwork.lifecycle.lab import Lab
from contracts.apis.agentwork.lifecycle.table import (
    AWAITING_REPLY,
    AWAITING_SOLUTION,
    COMPLETED,
    EVENT_TYPES,
    PROCESSING,
    STATUSES,
    TERMINAL,
    WAITING_FIELD,
)

GET = "get answers the task's fields"
RESULT = "the result of a completed task has result_text and downloadable files"
EVENTS = "events are typed and chronological"
LIST = "the task list shows the organization's task"
ACTIVITY = "last_activity_at moves with every status change"
# The event each visited status must have left in the activity log (documented types).
EVENT_OF = {
    AWAITING_REPLY: ("question", "reply"),
    AWAITING_SOLUTION: ("solution_proposed", "solution_decision"),
}


def check_task(lab: Lab, expect: AgentworkExpect, task_id: str, status: str) -> None:
    """GET shows task_id, title, the status, last_activity_at, and no waiting field of a
    status the task is not in."""
    exchange = lab.api.get(task_id)
    expect.require(expect.status(exchange, 200))
    expect.fields(exchange, "a task", task_id=str, title=str, status=str)
    expect.equal(exchange, "task_id", exchange.item.get("task_id"), task_id)
    seen = exchange.item.get("status")
    if lab.control is not None or status != PROCESSING:  # else a real agent may have moved it
        expect.equal(exchange, "status", seen, status)
    expect.timestamp(exchange, "last_activity_at", exchange.item.get("last_activity_at"))
    for waiting, name in WAITING_FIELD.items():
        if seen != waiting:
            expect.equal(exchange, name, exchange.item.get(name), None)


def read_walked(lab: Lab, walk: Walk) -> None:
    if not walk.task_id:
        for case in (GET, RESULT, EVENTS, LIST, ACTIVITY):
            lab.skip_case(case, "no task could be created")
        return
    lab.run_case(GET, lambda e: check_task(lab, e, walk.task_id, walk.path[-1]))
    lab.run_case(RESULT, lambda e: _result(lab, e, walk))
    lab.run_case(EVENTS, lambda e: _events(lab, e, walk))
    lab.run_case(LIST, lambda e: _listed(lab, e, walk))
    lab.run_case(ACTIVITY, lambda e: _activity(lab, e, walk))


def _activity(lab: Lab, expect: AgentworkExpect, walk: Walk) -> None:
    """Seen at each stop of the walk: later at every waiting status (the agent moves a second
    or more after the customer), never earlier at the last (confirming completes at once)."""
    if len(walk.activity) < 2:
        raise Skip(f"the walk made fewer than two stops ({' -> '.join(walk.path)})")
    stops = list(zip(walk.path[1:], walk.activity, strict=True))
    pairs = list(itertools.pairwise(stops))
    ok = all(b[1] > a[1] or (b[0] in TERMINAL and b[1] == a[1]) for a, b in pairs)
    expect.true(
        ok,
        None,
        "a later last_activity_at at every waiting status of the walk",
        ", ".join(f"{status} at {stamp}" for status, stamp in stops),
    )


def _result(lab: Lab, expect: AgentworkExpect, walk: Walk) -> None:
    if walk.path[-1] != COMPLETED:
        raise Skip(f"the walked task never completed ({' -> '.join(walk.path)})")
    exchange = lab.api.result(walk.task_id)
    expect.require(expect.status(exchange, 200))
    expect.equal(exchange, "task_id", exchange.item.get("task_id"), walk.task_id)
    expect.equal(exchange, "status", exchange.item.get("status"), COMPLETED)
    expect.fields(exchange, "a result", result_text=str, files=list)
    if isinstance(walk.solution, str):  # "the content of the most recent proposed solution"
        expect.equal(exchange, "result_text", exchange.item.get("result_text"), walk.solution)
    files = exchange.item.get("files")
    files = files if isinstance(files, list) else []
    if lab.control is not None:  # the suite's scenario delivers one file
        expect.true(bool(files), exchange, "the delivered file in files", exchange.summary())
    for file in files:
        name = file.get("name") if isinstance(file, dict) else None
        url = file.get("download_url") if isinstance(file, dict) else None
        if not expect.true(
            isinstance(name, str) and isinstance(url, str) and url.startswith("http"),
            exchange,
            "each file {name, download_url (an http(s) URL)}",
            repr(file),
        ):
            continue
        assert isinstance(url, str)
        download = lab.api.download(url)
        expect.true(
            download.status == 200,
            download,
            f"{name}'s download_url answers 200",
            download.summary(),
        )


def _events(lab: Lab, expect: AgentworkExpect, walk: Walk) -> None:
    exchange = lab.api.events(walk.task_id)
    expect.require(expect.status(exchange, 200))
    expect.equal(exchange, "task_id", exchange.item.get("task_id"), walk.task_id)
    events = exchange.item.get("events")
    expect.require(
        expect.true(isinstance(events, list), exchange, "events a list", exchange.summary())
    )
    assert isinstance(events, list)
    stamps = [e.get("timestamp") if isinstance(e, dict) else None for e in events]
    for event, stamp in zip(events, stamps, strict=True):
        kind = event.get("type") if isinstance(event, dict) else None
        expect.timestamp(exchange, "an event's timestamp", stamp)
        expect.true(
            kind in EVENT_TYPES,
            exchange,
            f"an event's type one of {', '.join(sorted(EVENT_TYPES))}",
            repr(event),
        )
    # Same-form timestamps (the reference's) sort as text, oldest first.
    texts = [s for s in stamps if isinstance(s, str)]
    expect.true(texts == sorted(texts), exchange, "events oldest first", "\n".join(texts))
    kinds = {e.get("type") for e in events if isinstance(e, dict)}
    for status, wanted in EVENT_OF.items():
        for kind in wanted:
            if status in walk.visits:
                expect.true(
                    kind in kinds,
                    exchange,
                    f"a {kind!r} event after {status}",
                    repr(sorted(map(str, kinds))),
                )


def _listed(lab: Lab, expect: AgentworkExpect, walk: Walk) -> None:
    exchange = lab.api.list()
    expect.require(expect.status(exchange, 200))
    tasks = exchange.item.get("tasks")
    expect.require(
        expect.true(isinstance(tasks, list), exchange, "tasks a list", exchange.summary())
    )
    assert isinstance(tasks, list)
    mine = [t for t in tasks if isinstance(t, dict) and t.get("task_id") == walk.task_id]
    expect.require(
        expect.true(
            len(mine) == 1, exchange, f"task {walk.task_id} listed once", f"{len(mine)} times"
        )
    )
    entry = mine[0]
    expect.true(
        isinstance(entry.get("title"), str) and entry.get("status") in STATUSES,
        exchange,
        "the entry's title and one of the documented statuses",
        repr(entry),
    )
    if lab.control is not None or walk.path[-1] != PROCESSING:
        expect.equal(exchange, "the entry's status", entry.get("status"), walk.path[-1])
    expect.timestamp(exchange, "the entry's created_at", entry.get("created_at"))
