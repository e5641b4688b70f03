"""Telemetry: every receipt as an outcome record, exported by bounded time window.

FIDELITY: telemetry "links outcomes to channel, workflow, policy version and integration";
exports prefer bounded windows. INFERRED: one record per receipt, the JSON lines and CSV
formats, the 31-day limit, and refusing (not cutting) a wider or unbounded window.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mock_server.apis.threada.domain.access import TELEMETRY, Caller
from mock_server.apis.threada.domain.model import Receipt, WorkItem
from mock_server.apis.threada.domain.windows import Window
from mock_server.apis.threada.domain.work_items import Moved
from mock_server.core.clock import isoformat_z

FIELDS = (
    "at", "work_item_id", "receipt_id", "channel_id", "workflow_id", "policy_set",
    "policy_version", "integration_id", "action_id", "execution_id", "actor_type", "decision",
    "outcome", "previous_status", "status", "reason_code",
)  # fmt: skip
FORMATS = {"jsonl": "application/x-ndjson", "csv": "text/csv"}


@dataclass(frozen=True)
class ExportQuery:
    window: Window
    format: str = "jsonl"
    channel_id: str | None = None
    workflow_id: str | None = None
    policy_version: str | None = None
    integration_id: str | None = None
    outcome: str | None = None

    def matches(self, record: dict[str, Any]) -> bool:
        wanted = {
            "channel_id": self.channel_id,
            "workflow_id": self.workflow_id,
            "policy_version": self.policy_version,
            "integration_id": self.integration_id,
            "outcome": self.outcome,
        }
        return all(value is None or record[name] == value for name, value in wanted.items())


def record_of(item: WorkItem, receipt: Receipt) -> dict[str, Any]:
    return {
        "at": isoformat_z(receipt.at),
        "work_item_id": item.work_item_id,
        "receipt_id": receipt.receipt_id,
        "channel_id": item.channel_id,
        "workflow_id": item.workflow_id,
        "policy_set": receipt.policy.policy_set,
        "policy_version": receipt.policy.version,
        "integration_id": receipt.integration_id,
        "action_id": receipt.action_id,
        "execution_id": receipt.execution_id,
        "actor_type": receipt.actor.type,
        "decision": receipt.decision,
        "outcome": receipt.outcome,
        "previous_status": receipt.previous_status,
        "status": receipt.status,
        "reason_code": receipt.reason_code,
    }


@dataclass
class _Timeline:
    """One tenant's records in time order (receipts are written in clock order)."""

    times: list[datetime] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)


class TelemetryLog:
    """Collects a record per receipt as work items move; rebuilt from the items on restore."""

    def __init__(self, lock: threading.RLock) -> None:
        self.lock = lock
        self._tenants: dict[str, _Timeline] = {}

    def on_moved(self, moved: Moved) -> None:
        if moved.receipt is not None:
            self._append(moved.item, moved.receipt)

    def _append(self, item: WorkItem, receipt: Receipt) -> None:
        timeline = self._tenants.setdefault(item.tenant_id, _Timeline())
        timeline.times.append(receipt.at)
        timeline.records.append(record_of(item, receipt))

    def export(self, caller: Caller, query: ExportQuery) -> str:
        caller.require(TELEMETRY, what="exporting telemetry")
        start, end = query.window.bounded()
        with self.lock:
            timeline = self._tenants.get(caller.tenant_id, _Timeline())
            low = bisect.bisect_left(timeline.times, start)
            high = bisect.bisect_left(timeline.times, end)
            records = [r for r in timeline.records[low:high] if query.matches(r)]
        return _csv(records) if query.format == "csv" else _json_lines(records)

    def rebuild(self, items: Iterable[WorkItem]) -> None:
        pairs = [(r, item) for item in items for r in item.receipts]
        pairs.sort(key=lambda pair: (pair[0].at, int(pair[0].receipt_id.removeprefix("rc_"))))
        self.clear()
        for receipt, item in pairs:
            self._append(item, receipt)

    def clear(self) -> None:
        self._tenants.clear()


def _json_lines(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, separators=(",", ":"), ensure_ascii=False) + "\n" for r in records)


def _csv(records: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: "" if v is None else v for k, v in r.items()} for r in records)
    return out.getvalue()
