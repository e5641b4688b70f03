"""Work items created, read back and listed under each documented filter."""

from __future__ import annotations

from typing import Any

from contracts.apis.threada.lifecycle.api import CHANNEL, WORKFLOW
from contracts.apis.threada.lifecycle.errors import error
from contracts.apis.threada.lifecycle.lab import Lab
from contracts.apis.threada.lifecycle.paging import walk
from contracts.apis.threada.lifecycle.timestamps import shifted
from contracts.lifecycle.expect import Expect

OTHER_CHANNEL = "email_support"  # FIDELITY: the emulator's fixtures; seed 002 names web_main only
OTHER_WORKFLOW = "support_triage"  # ... under another policy set (another policy version)


def create_and_read(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        created = lab.api.create(scenario=lab.scenario("idle"), payload={"note": "read me back"})
        item_id = lab.created(expect, created)
        read = lab.api.get(item_id)
        expect.require(expect.status(read, 200))
        for name, wanted in (
            ("work_item_id", item_id),
            ("workflow_id", WORKFLOW),
            ("channel_id", CHANNEL),
        ):
            expect.equal(read, name, read.item.get(name), wanted)
        payload = read.item.get("payload")
        note = payload.get("note") if isinstance(payload, dict) else None
        expect.equal(read, "payload.note", note, "read me back")
        missing = lab.api.get(f"wi_verify_missing_{lab.ctx.target.run_id}")
        error(expect, missing, 404, "validation")

    lab.run_case("work items: create, then read back as created", body)


def refuses_bad_creates(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        run = lab.ctx.target.run_id
        unknown = lab.api.create(workflow_id=f"verify_no_such_workflow_{run}")
        error(expect, unknown, 400, "validation")
        no_channel = lab.api.create(channel_id=None)  # the seed: include it "when required"
        error(expect, no_channel, 400, "validation")
        bad_channel = lab.api.create(channel_id=f"verify_no_such_channel_{run}")
        error(expect, bad_channel, 400, "validation")

    lab.run_case("work items: an unknown workflow or a missing channel is a validation error", body)


def filters(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        first = lab.api.create(scenario=lab.scenario("idle"))
        a = lab.created(expect, first)
        b = lab.created(
            expect, lab.api.create(channel_id=OTHER_CHANNEL, scenario=lab.scenario("idle"))
        )
        c_reply = lab.api.create(
            workflow_id=OTHER_WORKFLOW, channel_id=None, scenario=lab.scenario("idle")
        )
        c = lab.created(expect, c_reply)
        since = str(first.item.get("created_at"))
        window = {"from": since}

        def listed(params: dict[str, Any]) -> list[dict[str, Any]]:
            return walk(lab, expect, {**window, **params}, limit=50)

        def ids(items: list[dict[str, Any]]) -> set[str]:
            return {str(i.get("work_item_id")) for i in items}

        def each(items: list[dict[str, Any]], field: str, wanted: Any, query: str) -> None:
            wrong = [i.get("work_item_id") for i in items if _field(i, field) != wanted]
            expect.true(
                not wrong,
                None,
                f"only items with {field}={wanted!r} for {query}",
                f"also {wrong[:5]}",
            )

        def has(found: set[str], wanted: set[str], unwanted: set[str], query: str) -> None:
            expect.true(
                wanted <= found and not unwanted & found,
                None,
                f"{sorted(wanted)} and not {sorted(unwanted)} listed for {query}",
                f"listed (of ours): {sorted(found & {a, b, c})}",
            )

        by_workflow = listed({"workflow_id": WORKFLOW})
        each(by_workflow, "workflow_id", WORKFLOW, "workflow_id")
        has(ids(by_workflow), {a, b}, {c}, "workflow_id")
        by_channel = listed({"channel_id": OTHER_CHANNEL})
        each(by_channel, "channel_id", OTHER_CHANNEL, "channel_id")
        has(ids(by_channel), {b}, {a, c}, "channel_id")
        version = _field(c_reply.item, "policy.version")
        if version and version != _field(first.item, "policy.version"):
            by_version = listed({"policy_version": version})
            each(by_version, "policy.version", version, "policy_version")
            has(ids(by_version), {c}, {a, b}, "policy_version")
        by_status = listed({"status": "new"})
        each(by_status, "status", "new", "status")
        if lab.control is not None:  # nobody else moves an idle item on the emulator
            has(ids(by_status), {a, b, c}, set(), "status")
        all_since = ids(listed({}))
        has(all_since, {a, b, c}, set(), "from (the first one's created_at)")
        earlier = {"from": shifted(since, -60), "to": since}
        before = ids(walk(lab, expect, earlier, limit=50))
        has(before, set(), {a}, "to (exclusive: the first one's created_at)")

    lab.run_case(
        "work items: list filters by workflow, channel, status, policy version and time", body
    )


def _field(item: dict[str, Any], path: str) -> Any:
    value: Any = item
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


SCENARIOS = [create_and_read, refuses_bad_creates, filters]
