"""Writes the emulator's state as a JSON-ready document, in a stable order."""

from __future__ import annotations

import base64
import dataclasses
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mock_server.apis.sema4.domain.model import PendingUpload, WorkItem
from mock_server.apis.sema4.engine.history import Transition
from mock_server.apis.sema4.engine.scenarios import scenario_to_json
from mock_server.apis.sema4.fixtures import agent_document, key_document
from mock_server.core.clock import isoformat_z
from mock_server.webhooks.deliveries import Delivery

if TYPE_CHECKING:
    from mock_server.emulator import Emulator

FORMAT = "workitems-mock/state"
VERSION = 1


def _value(value: Any) -> Any:
    """A field as JSON: instants as ISO text, tuples (messages) as lists, the rest as it is."""
    if isinstance(value, datetime):
        return isoformat_z(value)
    return list(value) if isinstance(value, tuple) else value


def _plain(record: Any, *left_out: str) -> dict[str, Any]:
    """A dataclass's fields in declaration order; the loader copies them back by name.

    Fields written another way (bytes, enums, nested records) are overridden by the caller,
    which keeps their place in the order, or left out.
    """
    return {
        f.name: _value(getattr(record, f.name))
        for f in dataclasses.fields(record)
        if f.name not in left_out
    }


def _base64(content: bytes | None) -> str | None:
    return base64.b64encode(content).decode("ascii") if content is not None else None


def _work_item(item: WorkItem, history: list[Transition]) -> dict[str, Any]:
    return {
        **_plain(item),
        "callbacks": [_plain(c) for c in item.callbacks],
        "files": [
            {**_plain(f, "content"), "content_base64": _base64(f.content)} for f in item.files
        ],
        # The inspector's timeline after creation (the creation entry is derived from the item).
        "history": [{k: _value(v) for k, v in t._asdict().items()} for t in history],
    }


def _upload(pending: PendingUpload) -> dict[str, Any]:
    return {**_plain(pending, "content"), "content_base64": _base64(pending.content)}


def _delivery(delivery: Delivery) -> dict[str, Any]:
    return {
        **_plain(delivery),
        "body": delivery.body.decode("utf-8"),
        "outcome": delivery.outcome.value,
        "attempts": [_plain(a) for a in delivery.attempts],
    }


def _agent_steps(emulator: Emulator) -> list[dict[str, Any]]:
    planned = sorted(emulator.simulator.planned.values(), key=lambda p: (p.due, p.work_item_id))
    return [
        {"work_item_id": p.work_item_id, "run": p.run, "step": p.index, "due": isoformat_z(p.due)}
        for p in planned
    ]


def export_state(emulator: Emulator) -> dict[str, Any]:
    """Everything an import needs to carry on exactly where this emulator stands."""
    with emulator.items.lock:
        clock = emulator.clock
        return {
            "format": FORMAT,
            "version": VERSION,
            "profile": emulator.profile.name,
            "clock": {
                "now": isoformat_z(clock.now()),
                "mode": clock.mode.value,
                "speed": clock.speed,
            },
            "ids": {"seed": emulator.ids.seed, "draws": emulator.ids.draws()},
            "agents": [agent_document(a) for a in emulator.agents.all()],
            "keys": [key_document(k) for k in emulator.keys.all()],
            "scenarios": [scenario_to_json(s) for s in emulator.simulator.scenarios.values()],
            "work_items": [
                _work_item(item, emulator.history.recorded(item.work_item_id))
                for item in emulator.items.store
            ],
            "pending_uploads": [_upload(p) for p in emulator.files.pending.values()],
            "agent_steps": _agent_steps(emulator),
            "deliveries": [_delivery(d) for d in emulator.dispatcher.deliveries()],
        }
