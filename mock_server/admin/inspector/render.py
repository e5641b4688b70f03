"""Renders inspector pages: the shared context, the session cookie and strict headers."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from flask import Response, render_template, request

from mock_server.admin.inspector.blueprint import bp
from mock_server.admin.inspector.live import revision
from mock_server.admin.inspector.session import attach_cookie, session_id, sessions
from mock_server.admin.inspector.webhooks import human_seconds
from mock_server.core.clock import isoformat_z
from mock_server.hosting.context import current_emulator

# Everything the pages load comes from the emulator itself; nothing inline runs, and no
# other site may frame them (the forms change state).
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


# The first tone whose stem a status contains wins: waiting comes first, so a status that
# awaits an approval (awaiting_approval) reads as waiting, not as approved.
TONES = {
    "wait": ("paus", "wait", "review", "input", "hold", "draft", "precreat"),
    "ok": ("complet", "done", "deliver", "succe", "approv", "valid", "finish"),
    "bad": ("fail", "error", "cancel", "block", "reject", "invalid", "expire", "dead"),
    "busy": ("pend", "exec", "run", "progress", "queue", "process", "start"),
}


@bp.app_template_filter("tone")
def tone(status: str) -> str:
    """A colour for a status of any API, from what its name says (ok, bad, wait, busy)."""
    lowered = status.casefold()
    return next((t for t, stems in TONES.items() if any(s in lowered for s in stems)), "plain")


@bp.app_template_filter("given")
def given(values: dict[str, Any]) -> dict[str, Any]:
    """Only the entries that have a value (for links that keep the current filters)."""
    return {key: value for key, value in values.items() if value}


def pretty(value: Any) -> str:
    """JSON as people read it; the template escapes it like any other text."""
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def pretty_body(text: str | None) -> str:
    """A body pretty-printed when it is JSON, as it came otherwise."""
    if text is None:
        return ""
    try:
        return pretty(json.loads(text))
    except ValueError:
        return text


def age(instant: datetime) -> str:
    """How long ago on the emulator clock: `4 s ago`, `in 2 s` for what is due."""
    seconds = (current_emulator().clock.now() - instant).total_seconds()
    if seconds < 0:
        return f"in {human_seconds(-seconds)}"
    return f"{human_seconds(seconds)} ago"


def is_browser() -> bool:
    return request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html"


def page(template: str, status: int = 200, **context: Any) -> Response:
    """`template` with what every page shows: the clock, the live revision, a notice, the
    CSRF token for its forms."""
    emulator = current_emulator()
    session = session_id()
    clock = emulator.clock
    html = render_template(
        f"inspector/{template}",
        emulator=emulator,
        apis=emulator.apis,
        now=clock.now(),
        clock=clock,
        revision=revision(emulator),
        csrf=sessions().csrf_token(session),
        notice=sessions().take_notice(session),
        guarded=emulator.settings.admin_token is not None,
        signed_in=sessions().is_signed_in(session),
        here=request.full_path.rstrip("?"),
        stamp=isoformat_z,
        age=age,
        seconds=human_seconds,
        pretty=pretty,
        pretty_body=pretty_body,
        **context,
    )
    response = Response(html, status=status, mimetype="text/html", headers=HEADERS)
    return attach_cookie(response)
