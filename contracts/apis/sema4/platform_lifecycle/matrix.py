"""Every action from every platform status: legal ones answer as the platform does, illegal
ones answer its 412 or 400 in its envelope and change nothing."""

from __future__ import annotations

from typing import Any

from contracts.apis.sema4.platform_lifecycle.answers import judge_answer, judge_refusal
from contracts.apis.sema4.platform_table import ACTIONS, STATUSES, is_legal, refusal_code
from contracts.http import Exchange
from contracts.lifecycle.expect import Expect
from contracts.lifecycle.lab import Lab
from contracts.lifecycle.matrix import walk_matrix


def platform_matrix(lab: Lab) -> None:
    """Every action from every platform status, judged by the platform's table."""
    walk_matrix(lab, STATUSES, ACTIONS, is_legal, _judge)


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
