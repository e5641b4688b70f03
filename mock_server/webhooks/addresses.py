"""Whether a URL names this emulator itself, however its host happens to be spelled."""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import SplitResult, unquote, urlsplit

INBOX_PATH = "/_mock/inbox/"
# What inet_aton reads as an IPv4 address: `127.1`, `0x7f.0.0.1`, `2130706433`.
_LEGACY_IPV4 = re.compile(r"(?:0x[0-9a-f]+|[0-9]+)(?:\.(?:0x[0-9a-f]+|[0-9]+)){0,3}")


def canonical_host(host: str) -> str:
    """One spelling per host: lower case, no brackets, no trailing dot, IPv4 as a dotted quad
    whatever form it was written in, IPv6 compressed."""
    host = host.strip().strip("[]").rstrip(".").lower()
    try:
        return str(ipaddress.ip_address(host.split("%")[0]))
    except ValueError:
        pass
    if _LEGACY_IPV4.fullmatch(host):
        try:
            return socket.inet_ntoa(socket.inet_aton(host))
        except OSError:
            return host
    return host


def is_loopback_host(host: str) -> bool:
    """Loopback by its spelling alone: a loopback address, or `localhost` (RFC 6761)."""
    host = canonical_host(host)
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SelfAddress:
    """The URLs that reach this emulator: its public URL, and its own port on its bound
    address (on any loopback spelling when bound to loopback or to every address)."""

    def __init__(self, bind_host: str, port: int, public_url: str | None = None) -> None:
        self.port = port
        self.bind = canonical_host(bind_host)
        self._bind_open = self.bind in ("0.0.0.0", "::") or is_loopback_host(self.bind)
        self._public: tuple[str, str, int] | None = None
        if public_url:
            parts = urlsplit(public_url)
            self._public = (parts.scheme, canonical_host(parts.hostname or ""), _port_of(parts))

    def designates(self, url: str) -> bool:
        try:
            parts = urlsplit(url)
            port = _port_of(parts)
        except ValueError:
            return False
        host = canonical_host(parts.hostname or "")
        if self._public is not None and (parts.scheme, host, port) == self._public:
            return True
        if parts.scheme != "http" or port != self.port:
            return False
        return host == self.bind or (self._bind_open and is_loopback_host(host))

    def inbox_name(self, url: str) -> str | None:
        """The name of the own inbox `url` posts to, or None when it is not one."""
        if not self.designates(url):
            return None
        path = re.sub("/{2,}", "/", unquote(urlsplit(url).path))
        if not path.startswith(INBOX_PATH):
            return None
        return path[len(INBOX_PATH) :].split("/")[0] or None


def _port_of(parts: SplitResult) -> int:
    """The port, the scheme's default when none is written; ValueError when malformed."""
    return parts.port or (443 if parts.scheme == "https" else 80)
