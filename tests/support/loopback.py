"""Real HTTP servers on a free loopback port, in a thread, for the webhook tool tests."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response


@contextmanager
def serving(app: WSGIApplication, port: int = 0) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 (any free port by default) until the block ends; yields its URL."""
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@contextmanager
def closed_port() -> Iterator[str]:
    """A loopback URL that refuses connections: bound, never listening, so no one can take it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


@dataclass
class DeveloperApp:
    """A stand-in for the developer's own webhook endpoint: records requests, answers `status`."""

    status: int = 200
    answer: bytes = b'{"received": true}'
    requests: list[tuple[str, str, dict[str, str], bytes]] = field(default_factory=list)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        request = Request(environ)
        self.requests.append(
            (request.method, request.full_path, dict(request.headers.items()), request.get_data())
        )
        response = Response(self.answer, self.status, content_type="application/json")
        return list(response(environ, start_response))
