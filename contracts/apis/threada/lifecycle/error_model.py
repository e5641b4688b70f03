"""One error of each category, each with its own correlation id in the body and the header."""

from __future__ import annotations

from contracts.apis.threada.lifecycle.errors import error
from contracts.apis.threada.lifecycle.executions import approved_item
from contracts.apis.threada.lifecycle.lab import Lab
from contracts.lifecycle.expect import Expect

DISABLED = ("issue_refund", "int_payments")  # the emulator fixtures' disabled integration


def each_category(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        run = lab.ctx.target.run_id
        replies = [
            (lab.api.create(workflow_id=f"verify_no_such_workflow_{run}"), 400, "validation"),
            (lab.api.list(key=None), 401, "authorization"),
        ]
        closed = lab.new_item(expect)
        for decision in ("escalate", "reject"):
            expect.require(expect.status(lab.api.decide(closed, decision), 200))
        replies.append((lab.api.execute(closed), 403, "policy"))
        if lab.control is not None:  # only the fixtures name an integration that is down
            replies.append(
                (lab.api.execute(approved_item(lab, expect), *DISABLED), 503, "execution")
            )
        ids = []
        for reply, status, category in replies:
            if error(expect, reply, status, category):
                ids.append(reply.error.get("correlation_id"))
        expect.true(len(set(ids)) == len(ids), None, "a correlation id per error", f"ids {ids}")

    lab.run_case("errors: each category has a reason code, a message and its correlation id", body)


SCENARIOS = [each_category]
