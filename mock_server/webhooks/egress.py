"""Which webhook destinations may be contacted: loopback and own inboxes, plus an allow-list."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

Resolver = Callable[[str], list[str]]


def resolve_addresses(host: str) -> list[str]:
    """Every address `host` resolves to (an IP literal resolves to itself)."""
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


class EgressPolicy:
    """Decides, per URL, whether a delivery may leave the machine.

    By default only loopback destinations (a host name counts when every address it resolves
    to is loopback) and the emulator's own inboxes are reachable, so fuzzed or copied callback
    URLs never send traffic anywhere else. `allowed` entries widen it: `HOST` (any port),
    `HOST:PORT`, or `*` for everything.
    """

    def __init__(
        self,
        allowed: Iterable[str] = (),
        own_prefixes: Iterable[str] = (),
        resolve: Resolver = resolve_addresses,
    ) -> None:
        self.allowed = tuple(entry.strip().lower() for entry in allowed if entry.strip())
        self.own_prefixes = tuple(own_prefixes)
        self._resolve = resolve

    def refusal(self, url: str) -> str | None:
        """None when `url` may be contacted, else the reason it may not."""
        if any(url.startswith(prefix) for prefix in self.own_prefixes) or "*" in self.allowed:
            return None
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port or (443 if parts.scheme == "https" else 80)
        if host in self.allowed or f"{host}:{port}" in self.allowed:
            return None
        try:
            addresses = self._resolve(host)
        except OSError as error:
            return f"host {host!r} could not be resolved ({error}); not sent"
        outside = [a for a in addresses if not ipaddress.ip_address(a.split("%")[0]).is_loopback]
        if not addresses or outside:
            return (
                f"{host}:{port} resolves off loopback ({', '.join(outside) or 'no address'}); "
                f"not sent. Allow it with `serve --webhook-allow {host}:{port}` "
                "(or `--webhook-allow '*'`)"
            )
        return None
