"""Every event becomes one signed delivery per subscription that asked for it."""

from __future__ import annotations

from mock_server.apis.docld.domain.model import Event
from mock_server.apis.docld.domain.service import DocldDomain
from mock_server.apis.docld.signing import RawBodySignature, envelope_bytes
from mock_server.core.clock import isoformat_z
from mock_server.webhooks.dispatcher import Dispatcher


class WebhookNotifier:
    """Deliveries go through the shared dispatcher (egress policy, retries with backoff, the
    delivery log), queued per execution or document so they leave in the order they happened.
    """

    def __init__(
        self, domain: DocldDomain, dispatcher: Dispatcher, scheme: RawBodySignature, api: str = ""
    ) -> None:
        self.domain, self.dispatcher, self.scheme, self.api = domain, dispatcher, scheme, api
        domain.space.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        for subscription, name in self.domain.webhooks.audience(event.organization_id, event.name):
            envelope = {
                "event": name,
                "timestamp": isoformat_z(event.at),
                "webhook_id": subscription.id,
                "data": dict(event.data),
            }
            body = envelope_bytes(envelope)
            headers = {
                "Content-Type": "application/json",
                "User-Agent": self.scheme.user_agent,
                "X-DocLD-Event": name,
                self.scheme.header: self.scheme.sign(subscription.secret, body),
            }
            # DEVIATION (inferred): each subscription has its own lane, so its events of one
            # execution or document arrive in order and a receiver that is down holds up none.
            lane = f"{event.subject_id} {subscription.id}"
            self.dispatcher.enqueue(
                event.subject_id, name, subscription.url, body, headers, api=self.api, lane=lane
            )
