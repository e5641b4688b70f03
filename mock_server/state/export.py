"""Writes the emulator's state as a JSON-ready document, in a stable order."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

from mock_server.core.clock import isoformat_z
from mock_server.engine.history import Transition
from mock_server.engine.scenarios import scenario_to_json
from mock_server.webhooks.deliveries import Attempt, Delivery
from mock_server.workitems.model import PendingUpload, StoredFile, WorkItem

if TYPE_CHECKING:
    from mock_server.emulator import Emulator

FORMAT = "workitems-mock/state"
VERSION = 1


def _stamp(instant: Any) -> str | None:
    return isoformat_z(instant) if instant is not None else None


def _file(stored: StoredFile) -> dict[str, Any]:
    return {
        "file_id": stored.file_id,
        "file_ref": stored.file_ref,
        "content_type": stored.content_type,
        "uploaded_at": isoformat_z(stored.uploaded_at),
        "content_base64": base64.b64encode(stored.content).decode("ascii"),
    }


def _transition(transition: Transition) -> dict[str, Any]:
    return {
        "at": isoformat_z(transition.at),
        "previous": transition.previous,
        "status": transition.status,
        "action": transition.action,
    }


def _work_item(item: WorkItem, history: list[Transition]) -> dict[str, Any]:
    return {
        "work_item_id": item.work_item_id,
        "tenant_id": item.tenant_id,
        "status": item.status,
        "agent_id": item.agent_id,
        "created_by": item.created_by,
        "user_id": item.user_id,
        "created_at": isoformat_z(item.created_at),
        "updated_at": isoformat_z(item.updated_at),
        "status_updated_at": isoformat_z(item.status_updated_at),
        "work_item_name": item.work_item_name,
        "payload": item.payload,
        "initial_messages": list(item.initial_messages),
        "messages": list(item.messages),
        "callbacks": [
            {"url": c.url, "on_status": c.on_status, "signature_secret": c.signature_secret}
            for c in item.callbacks
        ],
        "files": [_file(f) for f in item.files],
        "thread_id": item.thread_id,
        "run": item.run,
        "scenario": item.scenario,
        # The inspector's timeline after creation (the creation entry is derived from the item).
        "history": [_transition(t) for t in history],
    }


def _upload(pending: PendingUpload) -> dict[str, Any]:
    content = pending.content
    return {
        "file_id": pending.file_id,
        "file_ref": pending.file_ref,
        "work_item_id": pending.work_item_id,
        "tenant_id": pending.tenant_id,
        "token": pending.token,
        "content_type": pending.content_type,
        "content_base64": base64.b64encode(content).decode("ascii")
        if content is not None
        else None,
    }


def _attempt(attempt: Attempt) -> dict[str, Any]:
    return {
        "number": attempt.number,
        "url": attempt.url,
        "scheduled_at": isoformat_z(attempt.scheduled_at),
        "sent_at": isoformat_z(attempt.sent_at),
        "status": attempt.status,
        "latency_ms": attempt.latency_ms,
        "error": attempt.error,
        "response_body": attempt.response_body,
    }


def _delivery(delivery: Delivery) -> dict[str, Any]:
    return {
        "delivery_id": delivery.delivery_id,
        "subject": delivery.subject,
        "event": delivery.event,
        "url": delivery.url,
        "body": delivery.body.decode("utf-8"),
        "headers": delivery.headers,
        "created_at": isoformat_z(delivery.created_at),
        "outcome": delivery.outcome.value,
        "attempts": [_attempt(a) for a in delivery.attempts],
        "next_attempt_at": _stamp(delivery.next_attempt_at),
        "reason": delivery.reason,
        "redelivery_of": delivery.redelivery_of,
    }


def _agents(emulator: Emulator) -> list[dict[str, Any]]:
    return [
        {
            "agent_id": a.agent_id,
            "name": a.name,
            "scenario": a.scenario,
            "tenants": sorted(a.tenants) if a.tenants is not None else None,
        }
        for a in emulator.agents.all()
    ]


def _keys(emulator: Emulator) -> list[dict[str, Any]]:
    return [
        {
            "key": k.key,
            "name": k.name,
            "tenant": k.tenant_id,
            "user_id": k.user_id,
            "permissions": ["read", "write"] if k.can_write else ["read"],
        }
        for k in emulator.keys.all()
    ]


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
            "agents": _agents(emulator),
            "keys": _keys(emulator),
            "scenarios": [scenario_to_json(s) for s in emulator.simulator.scenarios.values()],
            "work_items": [
                _work_item(item, emulator.history.recorded(item.work_item_id))
                for item in emulator.items.store
            ],
            "pending_uploads": [_upload(p) for p in emulator.files.pending.values()],
            "agent_steps": _agent_steps(emulator),
            "deliveries": [_delivery(d) for d in emulator.dispatcher.deliveries()],
        }
