"""Every action from every platform status: legal ones answer as the platform does, illegal
ones answer its 412 or 400 in its envelope and change nothing."""

from __future__ import annotations

from typing import Any

from contracts.apis.sema4.platform_lifecycle.answers import judge_answer, judge_refusal
from contracts.apis.sema4.platform_table import ACTIONS, STATUSES, is_legal, refusal_code
from contracts.http import Exchange
from contracts.lifecycle.driver import Unreachable
from contracts.lifecycle.expect import Expect, Skip, Stop, record_unreachable
from contracts.lifecycle.lab import Lab
from contracts.lifecycle.matrix import perform


def platform_matrix(lab: Lab) -> None:
    """One test case per (action, status); illegal actions share one item per status."""
    for status in STATUSES:
        shared: dict[str, Any] | Unreachable | None = None
        for action in ACTIONS:
            if is_legal(action, status) or status not in lab.driver.stable:
                _case(lab, action, status, None)
                continue
            shared = shared or _try_item(lab, status)
            if not _case(lab, action, status, shared):
                shared = None  # the item may have changed: the next case gets a fresh one


def _try_item(lab: Lab, status: str) -> dict[str, Any] | Unreachable:
    try:
        return lab.driver.item_in(status)
    except Unreachable as unreachable:
        return unreachable


def _case(lab: Lab, action: str, status: str, item: dict[str, Any] | Unreachable | None) -> bool:
    """Run one (action, status) case; True when the item is known to be as it was."""
    unchanged = [isinstance(item, Unreachable)]

    def body(expect: Expect) -> None:
        before = _usable(lab, expect, status, item)
        exchange = perform(lab, action, str(before["work_item_id"]))
        unchanged[0] = _judge(lab, expect, action, status, before, exchange)

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


def _judge(
    lab: Lab, expect: Expect, action: str, status: str, before: dict[str, Any], exchange: Exchange
) -> bool:
    """Record what is wrong with the outcome; True when the item is confirmed unchanged."""
    verdicts = {is_legal(action, seen) for seen in lab.possible(status)}
    code = refusal_code(action)
    if 200 <= exchange.status < 300:
        expect.require(
            expect.true(
                True in verdicts,
                exchange,
                f"{code}: {action} is illegal from {status}",
                exchange.summary(),
            )
        )
        judge_answer(lab, expect, action, status, before, exchange)
        return False
    if exchange.status == code and False in verdicts:
        judge_refusal(expect, action, status, exchange, exact=status in lab.driver.stable)
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
    expect.violation(exchange, f"200 if legal, {code} if not ({legal} here)", exchange.summary())
    return False
