"""A standalone webhook receiver: prints each request on one line, saves and forwards it."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from wsgiref.types import StartResponse, WSGIEnvironment

from werkzeug.serving import BaseWSGIServer
from werkzeug.wrappers import Request, Response

from mock_server.core.clock import Clock
from mock_server.http.devserver import make_deadline_server
from mock_server.webhooks.capture import Capture, Incoming, scheme_for
from mock_server.webhooks.inbox import Inbox, InboxConfig
from mock_server.webhooks.sender import DEFAULT_TIMEOUT, Answer, send
from mock_server.webhooks.signing import SignatureScheme, field_at, summary_of


def incoming(request: Request) -> Incoming:
    """A werkzeug request as the framework-free record the capture model keeps."""
    return Incoming(
        method=request.method,
        path=request.path,
        query=request.query_string.decode("utf-8", errors="replace"),
        headers=dict(request.headers.items()),
        body=request.get_data(),
    )


@dataclass(frozen=True)
class ReceiverOptions:
    secret: str | None = None
    respond: int | None = None  # None: 200, or the forwarded app's own answer
    forward_to: str | None = None
    save: Path | None = None
    forward_timeout: float = DEFAULT_TIMEOUT
    schemes: tuple[SignatureScheme, ...] = ()  # the signatures it knows how to check


class Receiver:
    """The WSGI app behind `workitems-mock capture`; one line of output per request."""

    def __init__(self, options: ReceiverOptions, out: TextIO, clock: Clock | None = None) -> None:
        self.options = options
        self.inbox = Inbox(
            "capture",
            InboxConfig(secret=options.secret, status=options.respond or 200),
            schemes=options.schemes,
        )
        self._out = out
        self._clock = clock or Clock()
        self._write_lock = threading.Lock()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        arrived = incoming(Request(environ))
        capture = self.inbox.receive(arrived, self._clock.now())
        target = self.options.forward_to
        # The whole request goes on, not the capture (whose stored body may be cut).
        forwarded = self._forward(arrived, target) if target else None
        response = self._answer(capture, forwarded)
        self._record(capture, forwarded, response.status_code)
        return response(environ, start_response)

    def _forward(self, request: Incoming, target: str) -> Answer:
        timeout = self.options.forward_timeout
        return send(request.method, target, request.headers, request.body, timeout)

    def _answer(self, capture: Capture, forwarded: Answer | None) -> Response:
        """The forwarded app's answer goes back to the sender, so its retries see the app."""
        if forwarded is None or self.options.respond is not None:
            body = json.dumps({"capture_id": capture.id})
            return Response(body, capture.answer, content_type="application/json")
        if forwarded.status is None:
            message = json.dumps(
                {"error": f"forward to {self.options.forward_to} failed: {forwarded.error}"}
            )
            return Response(message, 502, content_type="application/json")
        return Response(forwarded.body, forwarded.status, content_type=forwarded.content_type)

    def _record(self, capture: Capture, forwarded: Answer | None, answered: int) -> None:
        line = summary_line(capture, forwarded, answered, self.options.schemes)
        saved = capture.to_json()
        if forwarded is not None:
            saved["forwarded"] = {"status": forwarded.status, "error": forwarded.error}
        with self._write_lock:
            print(line, file=self._out, flush=True)
            if self.options.save:
                # Appended and closed per capture, so the file is whole even after Ctrl-C.
                with self.options.save.open("a", encoding="utf-8") as file:
                    file.write(json.dumps(saved) + "\n")


def summary_line(
    capture: Capture,
    forwarded: Answer | None,
    answered: int,
    schemes: tuple[SignatureScheme, ...] = (),
) -> str:
    """`10:30:00Z #1 POST /hook  work_item=...  status=COMPLETED  signature=valid  -> 200`."""
    at = capture.received_at.strftime("%H:%M:%SZ")
    parts = [
        f"{at} #{capture.id} {capture.request.method} {capture.request.path}",
        summary_of(capture.document(), _summary_scheme(capture, schemes)),
        f"signature={_verdict(capture, schemes)}",
    ]
    if forwarded is not None:
        parts.append(f"forwarded: {forwarded.describe()}")
    parts.append(f"-> {answered}")
    return "  ".join(parts)


def _summary_scheme(
    capture: Capture, schemes: tuple[SignatureScheme, ...]
) -> SignatureScheme | None:
    """The scheme whose header came; without one, the first whose summary fields the body has."""
    if any(capture.request.header(s.header) is not None for s in schemes):
        return scheme_for(capture.request, schemes)
    document = capture.document()
    found = (s for s in schemes if any(field_at(document, path) for _, path in s.summary))
    return next(found, schemes[0] if schemes else None)


def _verdict(capture: Capture, schemes: tuple[SignatureScheme, ...]) -> str:
    if capture.signature is not None:
        return capture.signature.verdict.value
    # Without a secret nothing can be checked; still say whether a signature came.
    signed = any(capture.request.header(s.header) for s in schemes)
    return "unchecked" if signed else "none"


def make_receiver_server(host: str, port: int, receiver: Receiver) -> BaseWSGIServer:
    """A threaded werkzeug server; port 0 picks a free one (read it from `server.port`)."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # our own line replaces its log
    return make_deadline_server(host, port, receiver)
