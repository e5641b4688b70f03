"""A real HTTP webhook receiver on loopback that records requests and misbehaves on demand."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """Answers `statuses` in turn (then the last one forever); `hang` holds answers back."""

    statuses: list[int] = field(default_factory=lambda: [200])
    hang: threading.Event | None = None  # when set, requests wait until it is released
    received: list[Received] = field(default_factory=list)
    arrived: threading.Condition = field(default_factory=threading.Condition)
    url: str = ""
    location: str | None = None  # sent as Location (with a 3xx status, a redirect)

    def __call__(self, environ, start_response):
        request = Request(environ)
        with self.arrived:
            self.received.append(Received(request.path, dict(request.headers), request.get_data()))
            status = self.statuses[min(len(self.received), len(self.statuses)) - 1]
            self.arrived.notify_all()
        if self.hang is not None:
            self.hang.wait(timeout=30)
        headers = {"Location": self.location} if self.location else {}
        return Response(f"answer {status}", status=status, headers=headers)(environ, start_response)

    def wait_for(self, count: int, timeout: float = 10) -> list[Received]:
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.received) >= count, timeout=timeout)
            return list(self.received)


@contextmanager
def receiver(
    statuses: list[int] | None = None,
    hang: threading.Event | None = None,
    location: str | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
) -> Iterator[Receiver]:
    app = Receiver(statuses or [200], hang, location=location)
    server = make_server(host, port, app, threaded=True)
    app.url = f"http://{host}:{server.server_port}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield app
    finally:
        if hang is not None:
            hang.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
