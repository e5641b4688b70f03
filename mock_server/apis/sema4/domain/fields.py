"""Which fields a work item and a callback body carry on the wire, in order, per profile."""

from __future__ import annotations

DOCUMENTED_ITEM_FIELDS = (
    "work_item_id", "agent_id", "status", "payload", "messages", "callbacks", "created_by",
    "user_id", "work_item_url", "work_item_name", "thread_id", "files", "created_at",
    "updated_at", "status_updated_at", "mock_scenario",
)  # fmt: skip

# FIDELITY: the platform's WorkItem in its serialised field order (sema4-platform-behaviour.md
# §4.1), with no `files`; `mock_scenario` is the emulator's own extension in both profiles.
PLATFORM_ITEM_FIELDS = (
    "work_item_id", "user_id", "created_by", "agent_id", "thread_id", "status", "created_at",
    "updated_at", "completed_by", "status_updated_at", "status_updated_by", "user_subject",
    "initial_messages", "work_item_url", "messages", "payload", "callbacks", "work_item_name",
    "mock_scenario",
)  # fmt: skip

DOCUMENTED_CALLBACK_FIELDS = (
    "work_item_id", "status", "agent_id", "timestamp", "payload", "thread_id", "work_item_url",
    "agent_name",
)  # fmt: skip

# FIDELITY: exactly the six fields callbacks.py sends, in its order (§8.2): no timestamp, no
# payload.
PLATFORM_CALLBACK_FIELDS = (
    "work_item_id", "agent_id", "thread_id", "status", "work_item_url", "agent_name",
)  # fmt: skip
