"""Which webhook destinations may be contacted, and at which address, decided per attempt."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from mock_server.webhooks.addresses import canonical_host

Resolver = Callable[[str], list[str]]


def resolve_addresses(host: str) -> list[str]:
    """Every address `host` resolves to, in the resolver's order (an IP resolves to itself)."""
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True)
class Route:
    """Where one attempt goes: `address` to connect to (None for an own inbox, reached
    in-process), or `refusal`, the reason it may not be sent."""

    address: str | None = None
    refusal: str | None = None


class EgressPolicy:
    """Decides, per attempt, whether a delivery may leave the machine, and pins the address.

    By default only loopback destinations (a host name counts when every address it resolves
    to is loopback) and the emulator's own inboxes are reachable, so fuzzed or copied callback
    URLs never send traffic anywhere else. `allowed` entries widen it: `HOST` (any port),
    `HOST:PORT`, or `*` for everything.

    The name is resolved once per attempt and the attempt connects to the address that was
    checked, never resolving again: a name that answers loopback to the check and something
    else to the connection (DNS rebinding) cannot slip through, on the first attempt or any
    retry.
    """

    def __init__(
        self,
        allowed: Iterable[str] = (),
        is_own_inbox: Callable[[str], bool] = lambda url: False,
        resolve: Resolver = resolve_addresses,
    ) -> None:
        self.allowed = tuple(entry.strip().lower() for entry in allowed if entry.strip())
        self._is_own_inbox = is_own_inbox
        self._resolve = resolve

    def route(self, url: str) -> Route:
        """Resolve `url`'s host (once) and decide; call it outside every lock (DNS is slow)."""
        if self._is_own_inbox(url):
            return Route()
        parts = urlsplit(url)
        host = canonical_host(parts.hostname or "")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            addresses = self._resolve(host)
        except OSError as error:
            return Route(refusal=f"host {host!r} could not be resolved ({error}); not sent")
        if not addresses:
            return Route(refusal=f"host {host!r} resolves to no address; not sent")
        if "*" in self.allowed or host in self.allowed or f"{host}:{port}" in self.allowed:
            return Route(addresses[0])
        outside = [a for a in addresses if not ipaddress.ip_address(a.split("%")[0]).is_loopback]
        if outside:
            return Route(
                refusal=(
                    f"{host}:{port} resolves off loopback ({', '.join(outside)}); not sent. "
                    f"Allow it with `serve --webhook-allow {host}:{port}` "
                    "(or `--webhook-allow '*'`)"
                )
            )
        return Route(addresses[0])

    def refusal(self, url: str) -> str | None:
        """None when `url` may be contacted now, else the reason it may not."""
        return self.route(url).refusal
