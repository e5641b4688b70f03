"""The platform's own promises: who moved a status, restart stopping a run, its UUID and
not-found answers, and the names it gives work items."""

from __future__ import annotations

import uuid

from contracts.apis.sema4.platform_lifecycle.answers import platform_error
from contracts.apis.sema4.platform_table import NAME_LIMIT, NOT_FOUND_MESSAGE, default_name
from contracts.lifecycle.expect import Expect
from contracts.lifecycle.lab import Lab

MALFORMED = "not-a-uuid"


def human_moves(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        lab.needs_agent()
        created = lab.api.create(scenario="idle")
        item_id = lab.created(expect, created)
        expect.equal(created, "status_updated_by", created.item.get("status_updated_by"), "HUMAN")
        expect.equal(created, "completed_by", created.item.get("completed_by"), None)
        for action in ("cancel", "complete"):
            expect.require(expect.status(lab.api.act(item_id, action), 200))
        after = lab.api.get(item_id)
        expect.equal(after, "status", after.item.get("status"), "COMPLETED")
        expect.equal(after, "status_updated_by", after.item.get("status_updated_by"), "HUMAN")
        expect.equal(after, "completed_by", after.item.get("completed_by"), "HUMAN")

    lab.run_case("a human's moves are recorded HUMAN", body)


def agent_moves(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        lab.needs_agent()
        item_id = lab.created(expect, lab.api.create(scenario="complete"))
        lab.advance(1.5)
        claimed = lab.api.get(item_id)
        expect.equal(claimed, "status", claimed.item.get("status"), "EXECUTING")
        expect.equal(claimed, "status_updated_by", claimed.item.get("status_updated_by"), "SYSTEM")
        lab.advance(3)
        done = lab.api.get(item_id)
        expect.equal(done, "status", done.item.get("status"), "COMPLETED")
        expect.equal(done, "status_updated_by", done.item.get("status_updated_by"), "AGENT")
        expect.equal(done, "completed_by", done.item.get("completed_by"), "AGENT")

    lab.run_case("the worker claims (SYSTEM), the agent ends the run (AGENT)", body)


def restart_stops_the_run(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        lab.needs_agent()
        lab.advance(0)  # the clock is needed to know the abandoned run would have ended
        item = lab.item_in("EXECUTING", expect)
        item_id = str(item["work_item_id"])
        expect.require(expect.status(lab.api.act(item_id, "restart", scenario="idle"), 200))
        lab.advance(40)  # past the abandoned run's end (+35 s)
        after = lab.api.get(item_id)
        expect.equal(after, "status after the old run's end", after.item.get("status"), "PENDING")

    lab.run_case("restart from EXECUTING stops the run", body)


def malformed_ids(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        wanted = f"Invalid UUID: {MALFORMED}"
        platform_error(expect, lab.api.get(MALFORMED), 400, wanted)
        platform_error(expect, lab.api.act(MALFORMED, "cancel"), 400, wanted)
        if lab.api.agent_id:
            made = lab.api.create({"agent_id": MALFORMED}, scenario="idle")
            platform_error(expect, made, 400, wanted)

    lab.run_case("a malformed id is 400 Invalid UUID: <value>", body)


def unknown_id(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        unknown = str(uuid.uuid4())
        answer = lab.api.get(unknown)
        if platform_error(expect, answer, 404, NOT_FOUND_MESSAGE):
            named = answer.item["error"].get("work_item_id")
            expect.equal(answer, "error.work_item_id", named, unknown)

    lab.run_case("an unknown id is 404 naming the work item", body)


def names(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        lab.needs_agent()
        unnamed = lab.api.create(scenario="idle")
        item_id = lab.created(expect, unnamed)
        name = unnamed.item.get("work_item_name")
        expect.equal(unnamed, "work_item_name", name, default_name(item_id))
        padded = lab.api.create({"work_item_name": "  Invoice 42  "}, scenario="idle")
        expect.equal(padded, "work_item_name", padded.item.get("work_item_name"), "Invoice 42")
        long = lab.api.create({"work_item_name": "x" * (NAME_LIMIT + 45)}, scenario="idle")
        cut = "x" * (NAME_LIMIT - 3) + "..."
        expect.equal(long, "work_item_name", long.item.get("work_item_name"), cut)

    lab.run_case("names default to Work Item <id>, trimmed and cut at 255", body)


SCENARIOS = [human_moves, agent_moves, restart_stops_the_run, malformed_ids, unknown_id, names]
