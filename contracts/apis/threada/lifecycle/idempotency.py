"""Idempotent execution: a repeated request, or a repeated Idempotency-Key, starts nothing new."""

from __future__ import annotations

import secrets
from concurrent.futures import ThreadPoolExecutor

from contracts.apis.threada.lifecycle.client import Reply
from contracts.apis.threada.lifecycle.errors import error
from contracts.apis.threada.lifecycle.executions import started
from contracts.apis.threada.lifecycle.lab import Lab
from contracts.lifecycle.expect import Expect

CONCURRENT = 3  # a client retrying a request whose answer it did not wait for
IDEMPOTENCY_CHECK = "a repeated execution request answers the same execution, starts nothing new"


def _one_execution(lab: Lab, expect: Expect, item_id: str, execution_id: str) -> None:
    item = lab.api.get(item_id)
    listed = item.item.get("execution_ids")
    if listed != [execution_id]:
        expect.violation(
            item,
            f"execution_ids [{execution_id!r}]: one execution",
            f"execution_ids {listed!r}",
            check=IDEMPOTENCY_CHECK,
        )


def _same(expect: Expect, first: object, again: object, what: str, reply: Reply) -> None:
    if first != again:
        expect.violation(
            reply,
            f"the first request's {what} {first!r}",
            f"{what} {again!r}",
            check=IDEMPOTENCY_CHECK,
        )


def repeated_request(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        item_id = lab.new_item(expect)
        first = lab.api.execute(item_id)
        execution_id = started(lab, expect, first)
        again = lab.api.execute(item_id)
        expect.require(expect.status(again, 202))
        _same(expect, execution_id, again.item.get("execution_id"), "execution_id", again)
        key = first.item.get("idempotency_key")
        _same(expect, key, again.item.get("idempotency_key"), "idempotency_key", again)
        _one_execution(lab, expect, item_id, execution_id)

    lab.run_case("execution: the same request repeated returns the same execution", body)


def repeated_key(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        key = f"verify-{lab.ctx.target.run_id}-{secrets.token_hex(4)}"
        item_id = lab.new_item(expect)
        first = lab.api.execute(item_id, idempotency_key=key)
        execution_id = started(lab, expect, first)
        expect.equal(first, "idempotency_key", first.item.get("idempotency_key"), key)
        again = lab.api.execute(item_id, idempotency_key=key)
        expect.require(expect.status(again, 202))
        _same(expect, execution_id, again.item.get("execution_id"), "execution_id", again)
        _one_execution(lab, expect, item_id, execution_id)
        other = lab.new_item(expect)
        reused = lab.api.execute(other, idempotency_key=key)  # the key, for another request
        error(expect, reused, 409, "validation")
        untouched = lab.api.get(other)
        ids = untouched.item.get("execution_ids") or []
        expect.equal(untouched, f"execution_ids of {other}", ids, [])

    lab.run_case("execution: the same Idempotency-Key returns the same execution", body)


def concurrent_repeats(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        key = f"verify-{lab.ctx.target.run_id}-{secrets.token_hex(4)}"
        item_id = lab.new_item(expect)
        apis = [lab.api.sibling(lab.ctx.session()) for _ in range(CONCURRENT)]
        with ThreadPoolExecutor(CONCURRENT) as pool:
            replies = list(pool.map(lambda api: api.execute(item_id, idempotency_key=key), apis))
        for reply in replies:
            expect.require(expect.status(reply, 202))
        answered = {reply.item.get("execution_id") for reply in replies}
        if len(answered) != 1:
            expect.violation(
                replies[-1],
                f"{CONCURRENT} concurrent requests with one key answer one execution",
                f"executions {sorted(map(str, answered))}",
                check=IDEMPOTENCY_CHECK,
            )
        _one_execution(lab, expect, item_id, str(replies[0].item.get("execution_id")))

    lab.run_case("execution: concurrent repeats of one Idempotency-Key start one execution", body)


SCENARIOS = [repeated_request, repeated_key, concurrent_repeats]
