"""Outgoing HTTP for the webhook tools: one request, its answer or why there was none."""

from __future__ import annotations

import http.client
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from http.client import HTTPException
from typing import Any
from urllib.parse import urlsplit

from mock_server.core.clock import stopwatch
from mock_server.http.deadlines import DeadlineSocket

DEFAULT_TIMEOUT = 10.0
KEPT_BODY = 64 * 1024  # enough for a report or a relayed answer; senders ignore answer bodies
# Set per connection by whoever sends; copying them from another request would corrupt it.
HOP_BY_HOP = {
    "connection",
    "content-length",
    "host",
    "keep-alive",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
}


@dataclass(frozen=True)
class Answer:
    status: int | None  # None: no HTTP answer at all
    reason: str
    content_type: str | None
    body: bytes
    seconds: float
    error: str | None = None
    unreachable: bool = False  # no connection at all (refused, unresolvable): nothing was tested

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    def describe(self) -> str:
        """`200 OK (3 ms)` or `no answer: connection refused`."""
        if self.status is None:
            return f"no answer: {self.error}"
        status = f"{self.status} {self.reason}".rstrip()
        return f"{status} ({self.seconds * 1000:.0f} ms)"

    def snippet(self, limit: int = 200) -> str:
        text = self.body[:limit].decode("utf-8", errors="replace").replace("\n", " ")
        return text + ("..." if len(self.body) > limit else "")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A 3xx is the receiver's answer: show it, never follow it (a POST would become a GET)."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


# No environment proxies: loopback traffic must not detour through an HTTP_PROXY.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects())


def normalise_url(url: str) -> str:
    """`localhost:3000/hook` means `http://localhost:3000/hook`, as `stripe listen` reads it."""
    if "://" not in url:
        url = f"http://{url}"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url!r} is not an http(s) URL")
    return url


def end_to_end(headers: Mapping[str, str]) -> dict[str, str]:
    """The headers worth copying onto another request."""
    return {name: value for name, value in headers.items() if name.lower() not in HOP_BY_HOP}


def send(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    timeout: float = DEFAULT_TIMEOUT,
) -> Answer:
    """Send one request; every failure becomes an Answer with `error`, never an exception."""
    data = body if body or method not in ("GET", "HEAD", "DELETE", "OPTIONS") else None
    request = urllib.request.Request(url, data=data, headers=end_to_end(headers), method=method)
    elapsed = stopwatch()
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            kept = response.read(KEPT_BODY)
            return Answer(
                response.status,
                response.reason,
                response.headers.get("Content-Type"),
                kept,
                elapsed(),
            )
    except urllib.error.HTTPError as error:
        with error:
            kept = error.read(KEPT_BODY)
            content_type = error.headers.get("Content-Type") if error.headers else None
            return Answer(error.code, str(error.reason), content_type, kept, elapsed())
    except (OSError, HTTPException, ValueError) as error:
        cause = error.reason if isinstance(error, urllib.error.URLError) else error
        # A timeout means something accepted the connection and kept quiet: that is an answer
        # about the receiver. A refused or unresolvable address says nothing about it.
        unreachable = isinstance(cause, ConnectionRefusedError | socket.gaierror)
        return Answer(None, "", None, b"", elapsed(), _explain(error, timeout), unreachable)


def post_pinned(
    url: str, address: str, headers: Mapping[str, str], body: bytes, timeout: float
) -> Answer:
    """POST to `url` over a connection to `address` (already checked), never resolving the
    host again; the whole exchange ends after `timeout` seconds, however slow the receiver.
    No proxies, no redirects: a 3xx is the receiver's answer."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    secure = parts.scheme == "https"
    port = parts.port or (443 if secure else 80)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection = _PinnedConnection(host, port, address, timeout, secure)
    elapsed = stopwatch()
    try:
        connection.request("POST", target, body=body, headers=end_to_end(headers))
        response = connection.getresponse()
        kept = response.read(KEPT_BODY)
        content_type = response.getheader("Content-Type")
        return Answer(response.status, response.reason, content_type, kept, elapsed())
    except (OSError, HTTPException, ValueError) as error:
        return Answer(None, "", None, b"", elapsed(), _explain(error, timeout))
    finally:
        connection.close()


class _PinnedConnection(http.client.HTTPConnection):
    """Connects to a given address; the Host header (and TLS name) stay the URL's host."""

    def __init__(self, host: str, port: int, address: str, timeout: float, secure: bool) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address, self._secure = address, secure

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        sock = DeadlineSocket.adopt(raw)
        sock.expire_in(self.timeout)
        if self._secure:
            context = ssl.create_default_context()
            self.sock = context.wrap_socket(sock, server_hostname=self.host)
        else:
            self.sock = sock


def _explain(error: BaseException, timeout: float) -> str:
    cause = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(cause, TimeoutError):
        return f"timed out after {timeout:g} s"
    if isinstance(cause, ConnectionRefusedError):
        return "connection refused"
    return str(cause) or type(cause).__name__
