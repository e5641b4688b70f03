"""What the inspector shows and does for Sema4 work items: pages, notes and client actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_server.apis.sema4.domain.model import WorkItem
from mock_server.apis.sema4.domain.profile import CLIENT_ACTIONS
from mock_server.apis.sema4.views import resource_view
from mock_server.core.errors import BadRequest, NotFound
from mock_server.core.principal import Principal
from mock_server.hosting.resources import (
    ActionView,
    Note,
    ResourcePage,
    ResourceQuery,
    ResourceView,
)

if TYPE_CHECKING:
    from mock_server.apis.sema4.runtime import Sema4Runtime


def browse(api: Sema4Runtime, query: ResourceQuery) -> ResourcePage:
    """Walks the raw items newest first and builds views for the page only."""
    store = api.items.store
    with api.lock:
        items, more = query.walk(
            store.newest(len(store)),
            lambda item: item.work_item_id,
            lambda item: query.matches(
                item.work_item_id, item.display_name, item.status, item.agent_id, item.tenant_id
            ),
        )
    return ResourcePage([resource_view(api, item) for item in items], more)


def _item(api: Sema4Runtime, work_item_id: str) -> WorkItem:
    item = api.items.store.get(work_item_id)
    if item is None:
        raise NotFound(f"Work item {work_item_id} not found.", field="work_item_id")
    return item


def _what_it_does(api: Sema4Runtime, action: str) -> str:
    target = api.profile.table.rule(action).target
    effect = api.profile.effect(action)
    if effect.resets_conversation:
        return f"to {target}; the conversation starts over and the agent runs it again"
    if effect.queues_run:
        return f"to {target}; the agent runs it again"
    return f"to {target}"


def actions(api: Sema4Runtime, work_item_id: str) -> list[ActionView]:
    item = _item(api, work_item_id)
    found = []
    for action in CLIENT_ACTIONS:
        rule = api.profile.table.rule(action)
        allowed = api.profile.table.allows(action, item.status)
        reason = (
            _what_it_does(api, action)
            if allowed
            else f"allowed from {', '.join(sorted(rule.sources))}, not {item.status}"
        )
        found.append(ActionView(action, action.capitalize(), allowed, reason))
    return found


def perform(
    api: Sema4Runtime, work_item_id: str, action: str, text: str | None = None
) -> ResourceView:
    """The client action, as the item's own creator would call it through the API (Sema4's
    client actions carry no text, so `text` is not used)."""
    if action not in CLIENT_ACTIONS:
        raise BadRequest(
            f"Unknown work item action {action!r}.",
            field="action",
            issue=f"use one of {', '.join(CLIENT_ACTIONS)}",
        )
    item = _item(api, work_item_id)
    who = Principal("inspector", item.tenant_id, item.user_id, can_write=True)
    return resource_view(api, api.items.act(who, work_item_id, action))


def _message_text(message: Any) -> str:
    content = message.get("content") if isinstance(message, dict) else None
    parts = content if isinstance(content, list) else []
    texts = [
        str(part.get("text")) if part.get("kind") == "text" else f"[{part.get('kind')}]"
        for part in parts
        if isinstance(part, dict)
    ]
    return " ".join(texts) or "(no text)"


def notes(api: Sema4Runtime, work_item_id: str) -> list[Note]:
    """Files with their upload time, the next planned agent step, and the messages (which
    carry no time in this API, so they are listed in order apart from the timeline)."""
    item = api.items.store.get(work_item_id)
    if item is None:
        return []
    found = [
        Note("file", f"file {f.file_ref} ({f.size} bytes, {f.content_type})", f.uploaded_at)
        for f in item.files
    ]
    with api.lock:
        planned = api.simulator.planned.get(work_item_id)
        steps = api.simulator.scenario_of(item).steps_for(planned.run) if planned else ()
    if planned is not None and planned.index < len(steps):
        target = steps[planned.index].status
        text = f"agent step {planned.index + 1} of run {planned.run}: to {target}"
        found.append(Note("step", text, planned.due, "agent", upcoming=True))
    for message in item.messages:
        role = message.get("role") if isinstance(message, dict) else None
        found.append(Note("message", _message_text(message), None, str(role or "?")))
    return found
