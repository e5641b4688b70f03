"""The reference's two curl examples (seed 002), sent as written, one after the other."""

from __future__ import annotations

from contracts.apis.threada.lifecycle.api import ACTION, CHANNEL, INTEGRATION, WORKFLOW
from contracts.apis.threada.lifecycle.lab import Lab
from contracts.lifecycle.expect import Expect

CREATE = {
    "workflow_id": WORKFLOW,
    "channel_id": CHANNEL,
    "payload": {"message": "Review this renewal request before approval"},
}
# The ids the reference answers; the emulator's fixtures start its counters there.
SEED_IDS = {"work_item_id": "wi_123", "execution_id": "ex_456", "idempotency_key": "idem_789"}


def seed_examples(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        if lab.control is not None:
            lab.control.reset()  # the seed's ids are the first a fresh emulator hands out
        created = lab.api.client.call(
            "POST", "/work-items", operation="POST /work-items", json_body=CREATE
        )
        item_id = lab.created(expect, created)
        expect.equal(created, "status", created.item.get("status"), "new")
        expect.equal(created, "workflow_id", created.item.get("workflow_id"), WORKFLOW)
        executed = lab.api.execute(item_id, ACTION, INTEGRATION)
        expect.require(expect.status(executed, 202))
        execution = executed.item
        expect.equal(executed, "status", execution.get("status"), "started")
        expect.true(
            str(execution.get("execution_id")).startswith("ex_"),
            executed,
            "an execution_id starting ex_",
            executed.summary(),
        )
        key = execution.get("idempotency_key")
        expect.true(
            isinstance(key, str) and bool(key), executed, "an idempotency_key", executed.summary()
        )
        if lab.control is not None:
            answered = {
                "work_item_id": item_id,
                "execution_id": execution.get("execution_id"),
                "idempotency_key": key,
            }
            expect.equal(executed, "the ids after a reset", answered, SEED_IDS)

    lab.run_case("the seed's two curl examples work, in order", body)


SCENARIOS = [seed_examples]
