"""Werkzeug's threaded server with read deadlines and enveloped refusals, for in-process use.

`testing.py` (and so the pytest plugin) and `workitems-mock capture` serve on it. Each
connection has its own thread there, so a stalled client never blocks another; without a
deadline, though, its thread (and buffered bytes) would wait for ever, and refusals werkzeug
makes itself (a malformed request line, a header too long) would come back as HTML.
"""

from __future__ import annotations

import contextlib
import json
import socket
import uuid
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from mock_server.http.deadlines import DeadlineSocket
from mock_server.http.errors import neutral_error_body
from mock_server.http.limits import ReadLimits


class DeadlineRequestHandler(WSGIRequestHandler):
    """Headers must arrive within `limits.idle_seconds` of a request's start, the body within
    its own deadline (`ReadLimits.body_seconds`); a connection that misses one is closed."""

    limits: ReadLimits = ReadLimits()
    new_error_id: Callable[[], str] = staticmethod(lambda: str(uuid.uuid4()))
    connection: DeadlineSocket

    def setup(self) -> None:
        self.request = DeadlineSocket.adopt(self.request)
        super().setup()

    def finish(self) -> None:
        # The server closes the socket it accepted, which `adopt` detached: close ours.
        try:
            super().finish()
        finally:
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_WR)
            self.connection.close()

    def handle_one_request(self) -> None:
        self.connection.expire_in(self.limits.idle_seconds, self.limits.idle_seconds)
        super().handle_one_request()
        if self.connection.expired:
            self.close_connection = True  # the rest of a late body must not pass for a request

    def make_environ(self) -> Any:
        environ = super().make_environ()
        declared = environ.get("CONTENT_LENGTH") or ""
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        length = None if chunked else int(declared) if declared.isdigit() else 0
        self.connection.expire_in(self.limits.body_seconds(length), self.limits.idle_seconds)
        return environ

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Refusals made before the app sees the request, in the envelope instead of HTML."""
        try:
            phrase = HTTPStatus(code).phrase
        except ValueError:
            phrase = "Error"
        text = (message or phrase).rstrip(".") + "."
        error = neutral_error_body(code, text, self.new_error_id())
        body = json.dumps(error).encode()
        self.log_error("code %d, message %s", code, text)
        if self.request_version == "HTTP/0.9":  # unreadable request line: answer in HTTP/1.x
            self.request_version = self.protocol_version
        self.send_response(code, phrase)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if self.command != "HEAD" and code >= 200:
            self.wfile.write(body)


def make_deadline_server(
    host: str,
    port: int,
    app: Callable[..., Any],
    limits: ReadLimits | None = None,
    new_error_id: Callable[[], str] | None = None,
) -> BaseWSGIServer:
    """A threaded werkzeug server for `app` with these read limits (port 0: a free one)."""

    class Handler(DeadlineRequestHandler):
        pass

    Handler.limits = limits or ReadLimits()
    if new_error_id is not None:
        Handler.new_error_id = staticmethod(new_error_id)
    return make_server(host, port, app, threaded=True, request_handler=Handler)
