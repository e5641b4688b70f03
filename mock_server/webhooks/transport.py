"""How a webhook attempt reaches its receiver: over HTTP, or straight into an own inbox."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from urllib.parse import urlsplit

from mock_server.core.clock import wall_pause
from mock_server.core.errors import DomainError
from mock_server.webhooks.addresses import SelfAddress
from mock_server.webhooks.capture import Incoming
from mock_server.webhooks.inboxes import InboxRegistry
from mock_server.webhooks.sender import post_pinned

BODY_PREFIX_BYTES = 1024


@dataclass(frozen=True)
class TransportResult:
    status: int
    body_prefix: str


class Transport(Protocol):
    def post(
        self,
        url: str,
        body: bytes,
        headers: Mapping[str, str],
        timeout: float,
        address: str | None = None,
    ) -> TransportResult:
        """POST `body` (to `address` when given, the one the egress policy checked); answer
        status and the first KB, or raise OSError on no answer."""
        ...


class HttpTransport:
    """A real POST to the checked address (no resolving again, no proxies, no redirects)."""

    def post(
        self,
        url: str,
        body: bytes,
        headers: Mapping[str, str],
        timeout: float,
        address: str | None = None,
    ) -> TransportResult:
        if address is None:
            raise OSError("no address was checked for this destination; not sent")
        answer = post_pinned(url, address, headers, body, timeout)
        if answer.status is None:
            raise OSError(answer.error or "no answer")
        prefix = answer.body[:BODY_PREFIX_BYTES].decode("utf-8", errors="replace")
        return TransportResult(answer.status, prefix)


class InboxTransport:
    """Hands deliveries for the emulator's own inboxes to them directly.

    Going through the emulator's HTTP server would make a slow inbox hold one of its request
    threads for the whole delay; in-process, only the dispatcher's worker waits, and a delay
    longer than the attempt timeout times out exactly as a slow receiver would.
    """

    def __init__(
        self, own: SelfAddress, inboxes: InboxRegistry, now: Callable[[], datetime]
    ) -> None:
        self.own, self.inboxes, self.now = own, inboxes, now

    def handles(self, url: str) -> bool:
        return self.own.inbox_name(url) is not None

    def post(
        self,
        url: str,
        body: bytes,
        headers: Mapping[str, str],
        timeout: float,
        address: str | None = None,
    ) -> TransportResult:
        parts = urlsplit(url)
        name = self.own.inbox_name(url) or ""
        request = Incoming("POST", parts.path, parts.query, dict(headers), body)
        try:
            inbox = self.inboxes.get(name)
        except DomainError as error:  # no such inbox (creation is the admin's): a 404 answer
            return TransportResult(404, json.dumps({"error": error.message}))
        capture = inbox.receive(request, self.now())
        if capture.delay_seconds > timeout:
            wall_pause(timeout)
            raise TimeoutError(f"timed out after {timeout:g} s")
        wall_pause(capture.delay_seconds)
        return TransportResult(capture.answer, json.dumps(capture.answer_json()))


class RoutingTransport:
    """Own inboxes in-process, everything else over HTTP."""

    def __init__(self, inbox: InboxTransport, remote: Transport) -> None:
        self.inbox, self.remote = inbox, remote

    def post(
        self,
        url: str,
        body: bytes,
        headers: Mapping[str, str],
        timeout: float,
        address: str | None = None,
    ) -> TransportResult:
        chosen: Transport = self.inbox if self.inbox.handles(url) else self.remote
        return chosen.post(url, body, headers, timeout, address)
