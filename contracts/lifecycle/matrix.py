"""Every lifecycle action from every status: legal ones move the item, illegal ones are 412."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from contracts.http import Exchange
from contracts.lifecycle.driver import Unreachable
from contracts.lifecycle.expect import Expect, Skip, Stop, record_unreachable
from contracts.lifecycle.lab import Lab, known_status
from contracts.lifecycle.table import ACTIONS, STATUSES, is_legal, target_of

ANSWERS_OK = frozenset({"cancel", "complete"})  # `{"status": "ok"}`; the others the item
QUEUES = frozenset({"continue", "restart", "finalize"})


# How a case's answer is judged: True when the item is known to be as it was.
Judge = Callable[[Lab, Expect, str, str, dict[str, Any], Exchange], bool]


def lifecycle_matrix(lab: Lab) -> None:
    """Every action from every documented status, judged by seed 000's table."""
    walk_matrix(lab, STATUSES, ACTIONS, is_legal, judge)


def walk_matrix(
    lab: Lab,
    statuses: Iterable[str],
    actions: Iterable[str],
    legal: Callable[[str, str], bool],
    judging: Judge,
) -> None:
    """One test case per (action, status); illegal actions share one item per status."""
    for status in statuses:
        shared: dict[str, Any] | Unreachable | None = None
        for action in actions:
            if legal(action, status) or status not in lab.driver.stable:
                _case(lab, action, status, None, judging)
                continue
            shared = shared or _try_item(lab, status)
            if not _case(lab, action, status, shared, judging):
                shared = None  # the item may have changed: the next case gets a fresh one


def _try_item(lab: Lab, status: str) -> dict[str, Any] | Unreachable:
    try:
        return lab.driver.item_in(status)
    except Unreachable as unreachable:
        return unreachable


def _case(
    lab: Lab,
    action: str,
    status: str,
    item: dict[str, Any] | Unreachable | None,
    judging: Judge,
) -> bool:
    """Run one (action, status) case; True when the item is known to be as it was."""
    unchanged = [isinstance(item, Unreachable)]

    def body(expect: Expect) -> None:
        before = _usable(lab, expect, status, item)
        exchange = perform(lab, action, str(before["work_item_id"]))
        unchanged[0] = judging(lab, expect, action, status, before, exchange)

    lab.run_case(f"{action} from {status}", body)
    return unchanged[0]


def _usable(
    lab: Lab, expect: Expect, status: str, item: dict[str, Any] | Unreachable | None
) -> dict[str, Any]:
    if isinstance(item, Unreachable):
        if item.broken:
            record_unreachable(expect, status, item.reason)
            raise Stop
        raise Skip(item.reason)
    return item if item is not None else lab.item_in(status, expect)


def perform(lab: Lab, action: str, item_id: str) -> Exchange:
    # `idle` keeps a re-queued item PENDING on the emulator, so the outcome can be read.
    if action == "finalize":
        return lab.api.create({"work_item_id": item_id}, scenario="idle")
    if action == "attach_file":
        return lab.api.upload("supporting_document.pdf", work_item_id=item_id)
    return lab.api.act(item_id, action, scenario="idle" if action in QUEUES else None)


def judge(
    lab: Lab, expect: Expect, action: str, status: str, before: dict[str, Any], exchange: Exchange
) -> bool:
    """Record what is wrong with the outcome; True when the item is confirmed unchanged."""
    verdicts = {is_legal(action, seen) for seen in lab.possible(status)}
    if 200 <= exchange.status < 300:
        expect.require(
            expect.true(
                True in verdicts,
                exchange,
                f"412: {action} is illegal from {status}",
                exchange.summary(),
            )
        )
        _check_moved(lab, expect, action, str(before["work_item_id"]), exchange)
        return False
    if exchange.status == 412:
        expect.require(
            expect.true(
                False in verdicts,
                exchange,
                f"200: {action} is legal from {status}",
                exchange.summary(),
            )
        )
        expect.envelope(exchange)
        if status not in lab.driver.stable:
            return False
        after = lab.api.get(str(before["work_item_id"]), results=True)
        return expect.true(
            after.item == before,
            after,
            "an illegal action changes nothing",
            f"before: {before}\nafter: {after.item}",
        )
    legal = "legal" if verdicts == {True} else "illegal" if verdicts == {False} else "racing"
    expect.violation(exchange, f"200 if legal, 412 if not ({legal} here)", exchange.summary())
    return False


def _check_moved(lab: Lab, expect: Expect, action: str, item_id: str, exchange: Exchange) -> None:
    target = target_of(action)
    if action in ANSWERS_OK:
        expect.equal(exchange, "body", exchange.body, {"status": "ok"})
    elif action == "attach_file":
        expect.equal(exchange, "work_item_id", exchange.item.get("work_item_id"), item_id)
    else:
        known_status(expect, exchange)
        expect.equal(exchange, "status", exchange.item.get("status"), target)
        expect.equal(exchange, "work_item_id", exchange.item.get("work_item_id"), item_id)
    after = lab.api.get(item_id)
    allowed = lab.possible(target)
    expect.true(
        after.item.get("status") in allowed,
        after,
        f"status {' or '.join(sorted(allowed))} afterwards",
        f"status {after.item.get('status')!r}",
    )
