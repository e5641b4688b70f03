"""Writes the Sema4 API's part of a state document, in a stable order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_server.apis.sema4.domain.model import PendingUpload, WorkItem
from mock_server.apis.sema4.engine.history import Transition
from mock_server.apis.sema4.engine.scenarios import scenario_to_json
from mock_server.apis.sema4.fixtures import agent_document, key_document
from mock_server.core.clock import isoformat_z
from mock_server.state.plain import json_value, plain, to_base64

if TYPE_CHECKING:
    from mock_server.apis.sema4.runtime import Sema4Runtime


def _work_item(item: WorkItem, history: list[Transition]) -> dict[str, Any]:
    return {
        **plain(item),
        "callbacks": [plain(c) for c in item.callbacks],
        "files": [
            {**plain(f, "content"), "content_base64": to_base64(f.content)} for f in item.files
        ],
        # The inspector's timeline after creation (the creation entry is derived from the item).
        "history": [{k: json_value(v) for k, v in t._asdict().items()} for t in history],
    }


def _upload(pending: PendingUpload) -> dict[str, Any]:
    return {**plain(pending, "content"), "content_base64": to_base64(pending.content)}


def _agent_steps(api: Sema4Runtime) -> list[dict[str, Any]]:
    planned = sorted(api.simulator.planned.values(), key=lambda p: (p.due, p.work_item_id))
    return [
        {"work_item_id": p.work_item_id, "run": p.run, "step": p.index, "due": isoformat_z(p.due)}
        for p in planned
    ]


def export_part(api: Sema4Runtime) -> dict[str, Any]:
    """Everything an import needs to carry on exactly where this API stands."""
    with api.lock:
        return {
            "profile": api.profile.name,
            "agents": [agent_document(a) for a in api.agents.all()],
            "keys": [key_document(k) for k in api.keys.all()],
            "scenarios": [scenario_to_json(s) for s in api.simulator.scenarios.values()],
            "work_items": [
                _work_item(item, api.status_history.recorded(item.work_item_id))
                for item in api.items.store
            ],
            "pending_uploads": [_upload(p) for p in api.files.pending.values()],
            "agent_steps": _agent_steps(api),
        }
