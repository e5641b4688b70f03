"""The curl workflows of the Work Item API documentation (seed 000), step by step."""

from __future__ import annotations

from typing import Any

from contracts.lifecycle.expect import Expect, Skip
from contracts.lifecycle.lab import Lab, known_status

PAYLOAD = {"invoice_id": "ABC123", "priority": "high"}
MESSAGE = {
    "role": "user",
    "content": [{"kind": "text", "text": "Please process this invoice for payment approval"}],
}
SAFE_HOOK = "https://callbacks.invalid/workitems-mock-verify"  # RFC 2606: never delivered


def create_work_item(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        agent = lab.needs_agent()
        created = lab.api.create({"payload": PAYLOAD, "messages": [MESSAGE]}, scenario="idle")
        item_id = lab.created(expect, created)
        known_status(expect, created)
        expect.equal(created, "status", created.item.get("status"), "PENDING")
        expect.equal(created, "agent_id", created.item.get("agent_id"), agent)
        expect.equal(created, "payload", created.item.get("payload"), {**PAYLOAD, **lab.api.marker})
        fetched = lab.api.get(item_id)
        expect.require(expect.status(fetched, 200))
        for name in ("work_item_id", "agent_id", "payload", "created_at", "created_by"):
            expect.equal(fetched, name, fetched.item.get(name), created.item.get(name))
        expect.equal(fetched, "messages without results=true", fetched.item.get("messages"), [])

    lab.run_case("seed: create a work item", body)


def get_with_results(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        lab.needs_agent()
        item_id = lab.created(expect, lab.api.create({"messages": [MESSAGE]}, scenario="complete"))
        if lab.control is not None:
            lab.advance(3)  # the simulated agent completes it
        status = lab.wait_until_settled(item_id, lambda s: s not in ("PENDING", "EXECUTING"))
        full = lab.api.get(item_id, results=True)
        expect.require(expect.status(full, 200))
        messages = full.item.get("messages") or []
        expect.true(
            messages[:1] == [MESSAGE],
            full,
            "messages start with the initial message",
            f"messages = {messages!r}",
        )
        bare = lab.api.get(item_id)
        expect.equal(bare, "messages without results=true", bare.item.get("messages"), [])
        if status != "COMPLETED":
            raise Skip(f"work item {item_id} ended {status}: the agent's results were not checked")
        roles = [m.get("role") for m in messages if isinstance(m, dict)]
        expect.true("agent" in roles, full, "the results hold the agent's reply", f"roles: {roles}")
        thread = full.item.get("thread_id")
        expect.true(
            isinstance(thread, str), full, "thread_id set once the agent ran", f"{thread!r}"
        )

    lab.run_case("seed: get a work item with its results", body)


def list_of_agent(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        agent = lab.needs_agent()
        item_id = lab.created(expect, lab.api.create(scenario="idle"))
        page = lab.api.list(agent_id=agent, limit=50)
        expect.require(expect.status(page, 200))
        records = [r for r in page.item.get("records") or [] if isinstance(r, dict)]
        expect.true(len(records) <= 50, page, "at most limit=50 records", f"{len(records)} records")
        strays = [r.get("work_item_id") for r in records if r.get("agent_id") != agent]
        expect.equal(page, "records of other agents", strays, [])
        ids = [r.get("work_item_id") for r in records]
        expect.true(
            item_id in ids, page, f"the new work item {item_id} on the first page", f"{ids}"
        )
        stamps = [str(r.get("created_at")) for r in records]
        expect.true(stamps == sorted(stamps, reverse=True), page, "newest first", f"{stamps}")

    lab.run_case("seed: list the work items of an agent", body)


def with_callbacks(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        lab.needs_agent()
        hooks = [
            {"url": f"{SAFE_HOOK}/{s.lower()}", "on_status": s}
            for s in ("COMPLETED", "FAILED", "PAUSED")
        ]
        created = lab.api.create({"payload": PAYLOAD, "callbacks": hooks}, scenario="idle")
        lab.created(expect, created)
        echoed = [_callback(c) for c in created.item.get("callbacks") or []]
        expect.equal(created, "callbacks", echoed, hooks)

    lab.run_case("seed: create a work item with callbacks", body)


def _callback(callback: Any) -> Any:
    return (
        {"url": callback.get("url"), "on_status": callback.get("on_status")}
        if isinstance(callback, dict)
        else callback
    )


def continue_paused(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        lab.needs_agent()
        before = lab.item_in("PAUSED", expect, {"messages": [MESSAGE]})
        item_id = str(before["work_item_id"])
        answer = lab.api.act(item_id, "continue")
        expect.require(expect.status(answer, 200))
        expect.equal(answer, "status", answer.item.get("status"), "PENDING")
        after = lab.api.get(item_id, results=True)
        kept = before.get("messages") or []
        now = after.item.get("messages") or []
        expect.true(
            now[: len(kept)] == kept,
            after,
            "continue keeps the conversation",
            f"before: {kept}\nafter: {now}",
        )

    lab.run_case("seed: continue a paused work item", body)


def restart_completed(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        lab.needs_agent()
        before = lab.item_in("COMPLETED", expect, {"messages": [MESSAGE]})
        item_id = str(before["work_item_id"])
        answer = lab.api.act(item_id, "restart", scenario="idle")
        expect.require(expect.status(answer, 200))
        # The answer, not a later read: a real agent may pick the item up again at once.
        expect.equal(answer, "status", answer.item.get("status"), "PENDING")
        expect.equal(answer, "messages after restart", answer.item.get("messages"), [MESSAGE])
        expect.equal(answer, "thread_id after restart", answer.item.get("thread_id"), None)
        after = lab.api.get(item_id, results=True)
        if after.item.get("status") == "PENDING":
            expect.equal(after, "messages after restart", after.item.get("messages"), [MESSAGE])

    lab.run_case("seed: restart a work item", body)


def cancel_and_complete(lab: Lab) -> None:
    for action, status in (("cancel", "CANCELLED"), ("complete", "COMPLETED")):

        def body(expect: Expect, action: str = action, status: str = status) -> None:
            lab.needs_agent()
            item_id = lab.created(expect, lab.api.create(scenario="idle"))
            if action == "complete":
                expect.require(expect.status(lab.api.act(item_id, "cancel"), 200))
            answer = lab.api.act(item_id, action)
            expect.require(expect.status(answer, 200))
            expect.equal(answer, "body", answer.body, {"status": "ok"})
            after = lab.api.get(item_id)
            expect.equal(after, "status", after.item.get("status"), status)

        lab.run_case(f"seed: {action} a work item", body)


SCENARIOS = [
    create_work_item,
    get_with_results,
    list_of_agent,
    with_callbacks,
    continue_paused,
    restart_completed,
    cancel_and_complete,
]
