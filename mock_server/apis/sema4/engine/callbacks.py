"""Turns work-item status changes into signed callback deliveries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mock_server.apis.sema4.domain.model import Callback, WorkItem
from mock_server.apis.sema4.domain.service import StatusChange, WorkItemService
from mock_server.core.clock import isoformat_z
from mock_server.webhooks.dispatcher import Dispatcher
from mock_server.webhooks.signing import SignatureScheme, wire_body


class CallbackNotifier:
    """Whenever an item enters a status it has a callback for, queue one delivery.

    FIDELITY: the documented API promises callbacks on every status reached, retried with
    backoff, with `timestamp` and `payload` in the body. DEVIATION from the platform, which
    fires only at the end of an agent run, never retries, and sends neither field; the body
    here also carries the platform's `thread_id`, `work_item_url` and `agent_name`.
    """

    def __init__(
        self,
        items: WorkItemService,
        dispatcher: Dispatcher,
        scheme: SignatureScheme,
        url_of: Callable[[WorkItem], str],
        *,
        api: str,
    ) -> None:
        self.items, self.dispatcher, self.scheme, self.url_of = items, dispatcher, scheme, url_of
        self.api = api
        items.subscribe(self._on_status_change)

    def _on_status_change(self, change: StatusChange) -> None:
        item = change.item
        if change.previous == item.status:
            return  # no new status reached, nothing to announce
        for callback in item.callbacks:
            if callback.on_status == item.status:
                self._send(item, callback)

    def document(self, item: WorkItem) -> dict[str, Any]:
        agent = self.items.agents.get(item.agent_id or "")
        return {
            "work_item_id": item.work_item_id,
            "status": item.status,
            "agent_id": item.agent_id,
            "timestamp": isoformat_z(item.status_updated_at),
            "payload": item.payload,
            "thread_id": item.thread_id,
            "work_item_url": self.url_of(item),
            "agent_name": agent.name if agent else None,
        }

    def _send(self, item: WorkItem, callback: Callback) -> None:
        document = self.document(item)
        headers = {"Content-Type": "application/json", "User-Agent": self.scheme.user_agent}
        if callback.signature_secret:
            headers[self.scheme.header] = self.scheme.sign_document(
                callback.signature_secret, document
            )
        self.dispatcher.enqueue(
            item.work_item_id, item.status, callback.url, wire_body(document), headers,
            api=self.api,
        )  # fmt: skip
