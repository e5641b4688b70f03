"""Work items as the contract shows them on the wire."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mock_server.apis.sema4.domain.fields import DOCUMENTED_ITEM_FIELDS
from mock_server.apis.sema4.domain.model import Callback, PendingUpload, StoredFile, WorkItem
from mock_server.core.clock import isoformat_z


def callback_json(callback: Callback) -> dict[str, Any]:
    body: dict[str, Any] = {"url": callback.url, "on_status": callback.on_status}
    if callback.signature_secret is not None:
        # FIDELITY: the platform echoes signature_secret back in clear.
        body["signature_secret"] = callback.signature_secret
    return body


def file_json(stored: StoredFile) -> dict[str, Any]:
    return {
        "file_id": stored.file_id,
        "file_ref": stored.file_ref,
        "size": stored.size,
        "content_type": stored.content_type,
    }


def timestamps(item: WorkItem) -> tuple[str, str, str]:
    """created_at, updated_at, status_updated_at as text, each distinct instant formatted once.

    A new item has one instant three times and an action sets two to the same one; formatting
    is most of the cost of presenting an item, so equal instants share their text.
    """
    created = isoformat_z(item.created_at)
    updated = created if item.updated_at == item.created_at else isoformat_z(item.updated_at)
    if item.status_updated_at == item.updated_at:
        return created, updated, updated
    return created, updated, isoformat_z(item.status_updated_at)


def work_item_json(
    item: WorkItem,
    *,
    with_messages: bool,
    url: str | None,
    fields: tuple[str, ...] = DOCUMENTED_ITEM_FIELDS,
    fresh: bool = False,
) -> dict[str, Any]:
    """The WorkItem schema of a profile (its `fields`, in order); `messages` is empty unless
    the caller asked for results. `fresh`: the answer to a create, which on the platform has
    no `user_subject` yet."""
    created_at, updated_at, status_updated_at = timestamps(item)
    every = {
        "work_item_id": item.work_item_id,
        "agent_id": item.agent_id,
        "status": item.status,
        "payload": item.payload,
        "messages": list(item.messages) if with_messages else [],
        "callbacks": [callback_json(c) for c in item.callbacks],
        "created_by": item.created_by,
        "user_id": item.user_id,
        "work_item_url": url,
        "work_item_name": item.display_name,
        "thread_id": item.thread_id,
        "files": [file_json(f) for f in item.files],
        "created_at": created_at,
        "updated_at": updated_at,
        "status_updated_at": status_updated_at,
        "mock_scenario": item.scenario,
        "completed_by": item.completed_by,
        "status_updated_by": item.status_updated_by,
        # FIDELITY: the platform's storage fills user_subject from the owner row, which makes
        # it the owner's id; a create answer has none yet (sema4-platform-behaviour.md §4.1).
        "user_subject": None if fresh else item.user_id,
        "initial_messages": list(item.initial_messages),
    }
    return {name: every[name] for name in fields}


def remote_upload_json(pending: PendingUpload, upload_url: str) -> Mapping[str, Any]:
    return {
        "work_item_id": pending.work_item_id,
        "upload_url": upload_url,
        "upload_form_data": {
            "key": f"{pending.file_id}/{pending.file_ref}",
            "token": pending.token,
        },
        "file_id": pending.file_id,
        "file_ref": pending.file_ref,
    }
