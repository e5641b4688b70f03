"""Webhook subscriptions: an HTTPS URL, the events it wants, and the secret that signs them."""

from __future__ import annotations

import builtins
import ipaddress
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from mock_server.apis.docld.domain.invalid import refuse
from mock_server.apis.docld.domain.model import Subscription
from mock_server.apis.docld.domain.vocabulary import WEBHOOK_EVENTS, names_of
from mock_server.apis.docld.domain.workspace import Workspace
from mock_server.core.errors import NotFound
from mock_server.core.principal import Principal

LOOPBACK_NAMES = ("localhost",)
MIN_SECRET = 8


def _loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class WebhookService:
    """`own_prefixes` are the emulator's capture inboxes, reachable over plain http."""

    def __init__(self, space: Workspace, own_prefixes: Iterable[str] = ()) -> None:
        self.space, self.own_prefixes = space, tuple(own_prefixes)

    def create(self, who: Principal, body: Mapping[str, Any]) -> Subscription:
        url = self._url(body.get("url"))
        events = self._events(body.get("events"))
        secret = body.get("secret")
        if secret is not None and (not isinstance(secret, str) or len(secret) < MIN_SECRET):
            refuse("secret", f"must be a string of at least {MIN_SECRET} characters")
        with self.space.lock:
            subscription = Subscription(
                id=self.space.new_id("webhook"),
                organization_id=who.tenant_id,
                url=url,
                events=events,
                secret=secret or f"whsec_{self.space.ids.secret(24)}",
                enabled=True,
                created_at=self.space.clock.now(),
            )
            self.space.subscriptions[subscription.id] = subscription
            return subscription

    def list(self, organization_id: str) -> list[Subscription]:
        with self.space.lock:
            found = [
                s for s in self.space.subscriptions.values() if s.organization_id == organization_id
            ]
        return found[::-1]

    def get(self, organization_id: str, webhook_id: str) -> Subscription:
        subscription = self.space.subscriptions.get(webhook_id)
        if subscription is None or subscription.organization_id != organization_id:
            raise NotFound(
                f"Webhook {webhook_id} not found.",
                field="webhook_id",
                issue=f"no webhook {webhook_id!r} in organization {organization_id!r}",
            )
        return subscription

    def delete(self, organization_id: str, webhook_id: str) -> None:
        with self.space.lock:
            self.get(organization_id, webhook_id)
            del self.space.subscriptions[webhook_id]

    def audience(self, organization_id: str, event: str) -> builtins.list[tuple[Subscription, str]]:
        """Each enabled subscription that asked for `event`, oldest first, with the name it
        asked for it by (`document.completed` for a subscriber of that alias)."""
        aliases = names_of(event)
        found = []
        for subscription in self.space.subscriptions.values():
            if subscription.organization_id != organization_id or not subscription.enabled:
                continue
            found += [(subscription, name) for name in aliases if name in subscription.events]
        return found

    def _url(self, value: Any) -> str:
        if not isinstance(value, str) or not value:
            refuse("url", "is required: the URL events are POSTed to")
        if any(value.startswith(prefix) for prefix in self.own_prefixes):
            return value
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            refuse("url", "must be an https URL")
        if parts.scheme == "http" and not _loopback(parts.hostname):
            # FIDELITY: DocLD requires HTTPS. DEVIATION: loopback http is accepted so that a
            # receiver on the developer's machine works without a certificate.
            refuse("url", "must be https (plain http only for localhost and 127.0.0.1)")
        return value

    def _events(self, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            refuse("events", "must be a non-empty list of event names")
        for position, name in enumerate(value):
            if name not in WEBHOOK_EVENTS:
                refuse(
                    f"events[{position}]",
                    f"{name!r} is not an event; known: {', '.join(WEBHOOK_EVENTS)}",
                )
        return tuple(dict.fromkeys(value))
