"""Turns work-item status changes into signed callback deliveries, as the profile says."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mock_server.apis.sema4.domain.model import Callback, WorkItem
from mock_server.apis.sema4.domain.service import StatusChange, WorkItemService
from mock_server.core.clock import isoformat_z
from mock_server.webhooks.dispatcher import Dispatcher
from mock_server.webhooks.signing import SignatureScheme, wire_body


class CallbackNotifier:
    """Queues one delivery per callback registered for the status an item is announced in.

    Documented profile: on every status an item reaches, retried with backoff, with
    `timestamp` and `payload` in the body (seed 000); the body also carries the platform's
    `thread_id`, `work_item_url` and `agent_name`.
    FIDELITY (platform profile, sema4-platform-behaviour.md §8): only when an agent run ends,
    for the status the item is in then (never from cancel, complete, continue or restart), one
    attempt, exactly the six fields the platform sends, and skipped when the item has no
    agent or thread.
    """

    def __init__(
        self,
        items: WorkItemService,
        dispatcher: Dispatcher,
        scheme: SignatureScheme,
        url_of: Callable[[WorkItem], str | None],
        *,
        api: str,
    ) -> None:
        self.items, self.dispatcher, self.scheme, self.url_of = items, dispatcher, scheme, url_of
        self.api = api
        self.profile = items.profile
        if self.profile.callbacks_at_run_end:
            items.on_run_end(self._on_run_end)
        else:
            items.subscribe(self._on_status_change)

    def _on_status_change(self, change: StatusChange) -> None:
        if change.previous != change.item.status:  # a new status reached
            self._announce(change.item)

    def _on_run_end(self, item: WorkItem) -> None:
        if self._can_announce(item):
            self._announce(item)

    def _announce(self, item: WorkItem) -> None:
        for callback in item.callbacks:
            if callback.on_status == item.status:
                self._send(item, callback)

    def _can_announce(self, item: WorkItem) -> bool:
        """The platform skips (and logs) a callback without an agent, its name or a thread."""
        agent = self.items.agents.get(item.agent_id or "")
        return bool(agent and agent.name and item.thread_id)

    def document(self, item: WorkItem) -> dict[str, Any]:
        agent = self.items.agents.get(item.agent_id or "")
        every = {
            "work_item_id": item.work_item_id,
            "status": item.status,
            "agent_id": item.agent_id,
            "timestamp": isoformat_z(item.status_updated_at),
            "payload": item.payload,
            "thread_id": item.thread_id,
            "work_item_url": self.url_of(item),
            "agent_name": agent.name if agent else None,
        }
        return {name: every[name] for name in self.profile.callback_fields}

    def _send(self, item: WorkItem, callback: Callback) -> None:
        document = self.document(item)
        headers = {"Content-Type": "application/json", "User-Agent": self.scheme.user_agent}
        if callback.signature_secret:
            headers[self.scheme.header] = self.scheme.sign_document(
                callback.signature_secret, document
            )
        self.dispatcher.enqueue(
            item.work_item_id, item.status, callback.url, wire_body(document), headers,
            api=self.api, retries=self.profile.callback_retries,
        )  # fmt: skip
