"""Work items created, read back and listed under each documented filter."""

from __future__ import annotations

from typing import Any

from contracts.apis.threada.lifecycle.api import CHANNEL, WORKFLOW
from contracts.apis.threada.lifecycle.errors import error
from contracts.apis.threada.lifecycle.lab import Lab
from contracts.apis.threada.lifecycle.paging import walk
from contracts.apis.threada.lifecycle.timestamps import shifted
from contracts.lifecycle.expect import Expect

OTHER_CHANNEL = "email_support"  # the emulator's fixtures; seed 002 names web_main only
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


def _items_to_filter(lab: Lab, expect: Expect) -> list[dict[str, Any]]:
    """Two items of the seed's workflow on two channels, one of another workflow and policy;
    on a deployment, whose catalogue only the seed names, two items of the seed's example."""
    fixtures = lab.control is not None
    shapes: list[tuple[str, str | None]] = [(WORKFLOW, CHANNEL)]
    shapes.append((WORKFLOW, OTHER_CHANNEL if fixtures else CHANNEL))
    if fixtures:
        shapes.append((OTHER_WORKFLOW, None))
    items = []
    for workflow_id, channel_id in shapes:
        reply = lab.api.create(
            workflow_id=workflow_id, channel_id=channel_id, scenario=lab.scenario("idle")
        )
        lab.created(expect, reply)
        items.append(reply.item)
    return items


def filters(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        items = _items_to_filter(lab, expect)
        ours = {str(i["work_item_id"]): i for i in items}
        since = str(items[0].get("created_at"))

        def check(name: str, value: Any, field: str, wanted: set[str]) -> None:
            """Every item listed for `name=value` has `field` = value; of ours, `wanted`."""
            listed = walk(lab, expect, {"from": since, name: value}, limit=50)
            wrong = [i.get("work_item_id") for i in listed if _field(i, field) != value]
            found = {str(i.get("work_item_id")) for i in listed} & set(ours)
            expect.true(
                not wrong and found == wanted,
                None,
                f"for {name}={value!r}: only items with that {field}, of ours {sorted(wanted)}",
                f"also {wrong[:5]}; of ours {sorted(found)}",
            )

        def having(field: str, value: Any) -> set[str]:
            return {i for i, item in ours.items() if _field(item, field) == value}

        check("workflow_id", WORKFLOW, "workflow_id", having("workflow_id", WORKFLOW))
        channel = items[1].get("channel_id")
        check("channel_id", channel, "channel_id", having("channel_id", channel))
        version = _field(items[-1], "policy.version")
        check("policy_version", version, "policy.version", having("policy.version", version))
        if lab.control is not None:  # nobody else moves an idle item on the emulator
            check("status", "new", "status", set(ours))
        window = {"from": since}
        listed = {str(i.get("work_item_id")) for i in walk(lab, expect, window, limit=50)}
        expect.true(
            set(ours) <= listed, None, f"all of ours listed from {since}", f"{sorted(listed)}"
        )
        earlier = {"from": shifted(since, -60), "to": since}
        before = {str(i.get("work_item_id")) for i in walk(lab, expect, earlier, limit=50)}
        first = str(items[0]["work_item_id"])
        expect.true(first not in before, None, f"{first} not listed to {since} (exclusive)", "")

    lab.run_case(
        "work items: list filters by workflow, channel, status, policy version and time", body
    )


def _field(item: dict[str, Any], path: str) -> Any:
    value: Any = item
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


SCENARIOS = [create_and_read, refuses_bad_creates, filters]
