"""A webhook receiver for verify: records every POST it gets, answers 200, loopback by default."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes
    arrived: float  # time.monotonic()


@dataclass
class Inbox:
    received: list[Received] = field(default_factory=list)
    arrived: threading.Condition = field(default_factory=threading.Condition)

    def add(self, delivery: Received) -> None:
        with self.arrived:
            self.received.append(delivery)
            self.arrived.notify_all()

    def under(self, prefix: str) -> list[Received]:
        with self.arrived:
            return [r for r in self.received if r.path.startswith(prefix)]

    def wait_for(self, prefix: str, count: int, timeout: float) -> list[Received]:
        """At least `count` deliveries under `prefix`, or what arrived by the timeout."""
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.under(prefix)) >= count, timeout=timeout)
        return self.under(prefix)


def _handler(inbox: Inbox, refusing: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            headers = {name.lower(): value for name, value in self.headers.items()}
            inbox.add(Received(self.path, headers, body, time.monotonic()))
            refused = bool(refusing) and self.path.startswith(refusing)
            self.send_response(500 if refused else 200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args: Any) -> None:
            return  # verify prints its own report

    return Handler


class Receiver:
    """Listens on `host:port` (0: a free port); callbacks point at `public_url` when given.
    Deliveries to paths starting with `refusing` (when given) are answered 500."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        public_url: str | None = None,
        refusing: str = "",
    ):
        self.inbox = Inbox()
        self._server = ThreadingHTTPServer((host, port), _handler(self.inbox, refusing))
        self._server.daemon_threads = True
        bound_host, bound_port = str(self._server.server_address[0]), self._server.server_address[1]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        self.url = (public_url or f"http://{shown}:{bound_port}").rstrip("/")
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
