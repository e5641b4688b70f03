"""Telemetry export: only bounded windows, each outcome linked to where it happened."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from contracts.apis.threada.lifecycle.api import CHANNEL, INTEGRATION, WORKFLOW
from contracts.apis.threada.lifecycle.client import Reply
from contracts.apis.threada.lifecycle.errors import error
from contracts.apis.threada.lifecycle.lab import Lab
from contracts.apis.threada.lifecycle.timestamps import parse, shifted
from contracts.lifecycle.expect import Expect

DAY = 86400.0
WIDEST_DAYS = 31  # the contract's widest window
LINKS = ("channel_id", "workflow_id", "policy_set", "policy_version", "integration_id")
FIELDS = (
    "at",
    "work_item_id",
    "receipt_id",
    *LINKS,
    "action_id",
    "execution_id",
    "decision",
    "outcome",
)


def window_around(instant: str) -> dict[str, str]:
    """A window from a minute before `instant` to an hour after it."""
    return {"from": shifted(instant, -60), "to": shifted(instant, 3600)}


def window_rules(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        created = lab.api.create(scenario=lab.scenario("idle"))
        lab.created(expect, created)
        now = str(created.item.get("created_at"))
        later = shifted(now, WIDEST_DAYS * DAY)
        for refused in (
            {},
            {"from": now},
            {"to": now},
            {"from": now, "to": shifted(now, -DAY)},
            {"from": now, "to": shifted(later, DAY)},
        ):
            error(expect, lab.api.export(refused), 400, "validation")
        widest = lab.api.export({"from": now, "to": later})
        expect.status(widest, 200)

    lab.run_case(f"telemetry: an export needs a bounded window of at most {WIDEST_DAYS} days", body)


def linked_outcomes(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        created = lab.api.create(scenario=lab.scenario("idle"))
        item_id = lab.created(expect, created)
        expect.require(expect.status(lab.api.execute(item_id), 202))
        item = lab.api.get(item_id).item
        window = window_around(str(created.item.get("created_at")))
        lines = lab.api.export({**window, "format": "jsonl"})
        expect.require(expect.status(lines, 200))
        records = _jsonl(expect, lines)
        _in_window(expect, lines, records, window)
        ours = [r for r in records if r.get("work_item_id") == item_id]
        receipts = {r.get("receipt_id") for r in item.get("receipts") or [] if isinstance(r, dict)}
        expect.true(
            bool(receipts) and {r.get("receipt_id") for r in ours} == receipts,
            lines,
            f"one record per receipt of {item_id}: {sorted(map(str, receipts))}",
            f"records {[r.get('receipt_id') for r in ours]}",
        )
        policy = item.get("policy") if isinstance(item.get("policy"), dict) else {}
        wanted: dict[str, Any] = {
            "channel_id": CHANNEL,
            "workflow_id": WORKFLOW,
            "integration_id": INTEGRATION,
        }
        wanted["policy_version"] = policy.get("version") if isinstance(policy, dict) else None
        for record in ours:
            found = {name: record.get(name) for name in wanted}
            expect.true(
                found == wanted, lines, f"records of {item_id} linked to {wanted}", f"{found}"
            )
        table = lab.api.export({**window, "format": "csv"})
        expect.require(expect.status(table, 200))
        rows = list(csv.DictReader(io.StringIO(table.text)))
        expect.true(
            len([r for r in rows if r.get("work_item_id") == item_id]) == len(ours),
            table,
            f"the CSV export has the {len(ours)} records of {item_id} the JSON lines have",
            table.text[:300],
        )

    lab.run_case(
        "telemetry: a window's export links each outcome to channel, workflow, policy "
        "version and integration",
        body,
    )


def _jsonl(expect: Expect, reply: Reply) -> list[dict[str, Any]]:
    records = []
    for number, line in enumerate(reply.text.splitlines(), 1):
        try:
            record = json.loads(line)
        except ValueError:
            record = None
        missing = [f for f in FIELDS if f not in record] if isinstance(record, dict) else FIELDS
        if missing:
            expect.violation(
                reply,
                f"line {number} a record with {', '.join(FIELDS)}",
                f"{line[:200]} (missing {list(missing)})",
            )
            continue
        records.append(record)
    return records


def _in_window(
    expect: Expect, reply: Reply, records: list[dict[str, Any]], window: dict[str, str]
) -> None:
    start, end = parse(window["from"]), parse(window["to"])
    outside = [
        r.get("at")
        for r in records
        if not (start and end and (at := parse(str(r.get("at")))) and start <= at < end)
    ]
    expect.true(
        not outside,
        reply,
        f"every record's at in [{window['from']}, {window['to']})",
        f"outside: {outside[:3]}",
    )


SCENARIOS = [window_rules, linked_outcomes]
