"""Capture inboxes under /_mock/inbox/<name>: record any request, answer as configured."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Request, Response, request
from pydantic import Field

from mock_server.admin.bodies import Body, parse
from mock_server.core.errors import BadRequest
from mock_server.hosting.context import current_emulator
from mock_server.http.holds import hold
from mock_server.http.responses import json_response
from mock_server.webhooks.capture import MAX_STORED_BODY
from mock_server.webhooks.inbox import MAX_DELAY_SECONDS, Inbox, InboxConfig
from mock_server.webhooks.receiver import incoming

bp = Blueprint("inbox", __name__, url_prefix="/_mock")

METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
MAX_CAPTURED_BODY = MAX_STORED_BODY  # a webhook is a few KB; a capture is never cut


def check_body_size(req: Request, limit: int, length: int | None = None) -> None:
    """Refuse a body over `limit` bytes: before reading it when it announces its length, and
    when it was read (a chunked one is read to one byte past the limit, never further)."""
    length = req.content_length if length is None else length
    if length is not None and length > limit:
        raise BadRequest(
            f"A captured request body may be at most {limit} bytes; this one is more.",
            field="body",
            issue=f"the limit is {limit} bytes",
        )
    req.max_content_length = limit + 1


class InboxSettings(Body):
    """PUT replaces the whole configuration: a field left out takes its default."""

    secret: str | None = Field(default=None, min_length=1)
    status: int = Field(default=200, ge=200, le=599)
    delay_seconds: float = Field(default=0.0, ge=0, le=MAX_DELAY_SECONDS)
    fail_first: int = Field(default=0, ge=0, le=1000)
    fail_status: int = Field(default=500, ge=300, le=599)


def _describe(inbox: Inbox) -> dict[str, Any]:
    url = f"{current_emulator().settings.base_url}/_mock/inbox/{inbox.name}"
    return {**inbox.describe(), "url": url}


@bp.get("/inboxes")
def inboxes() -> Response:
    return json_response(200, {"inboxes": [_describe(i) for i in current_emulator().inboxes.all()]})


@bp.put("/inbox/<name>")
def configure(name: str) -> Response:
    body = parse(InboxSettings)
    inbox = current_emulator().inboxes.configure(name, InboxConfig(**body.model_dump()))
    return json_response(200, _describe(inbox))


@bp.get("/inbox/<name>/requests", provide_automatic_options=False)
def captures(name: str) -> Response:
    """Captures oldest first; `?since=<id>` answers only the newer ones."""
    since = request.args.get("since", "0")
    if not since.isdigit():
        raise BadRequest("since must be a capture id.", field="since")
    inbox = current_emulator().inboxes.get(name)
    found = [c.to_json() for c in inbox.captures(int(since))]
    return json_response(200, {**_describe(inbox), "requests": found})


@bp.delete("/inbox/<name>/requests", provide_automatic_options=False)
def clear(name: str) -> Response:
    cleared = current_emulator().inboxes.get(name).clear()
    return json_response(200, {"inbox": name, "cleared": cleared})


# PUT on the inbox itself configures it (above); every other request is captured.
@bp.route("/inbox/<name>", methods=[m for m in METHODS if m != "PUT"], endpoint="capture_root")
@bp.route("/inbox/<name>/", methods=METHODS, defaults={"rest": ""}, endpoint="capture_slash")
@bp.route("/inbox/<name>/<path:rest>", methods=METHODS)
def capture(name: str, rest: str = "") -> Response:
    emulator = current_emulator()
    inbox = emulator.inboxes.get(name)
    check_body_size(request, MAX_CAPTURED_BODY)
    arrived = incoming(request)
    check_body_size(request, MAX_CAPTURED_BODY, len(arrived.body))
    delay = inbox.config.delay_seconds
    received = inbox.receive(arrived, emulator.clock.now())
    if delay:
        hold(delay)  # a real delay, to make an attempt slow or time out; it holds no thread
    return json_response(received.answer, received.answer_json())
