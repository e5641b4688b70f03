"""Signing in with the admin token in a browser: a form, then an HttpOnly session cookie."""

from __future__ import annotations

import hmac

from flask import redirect, request
from werkzeug.wrappers import Response

from mock_server.admin.inspector.blueprint import bp
from mock_server.admin.inspector.forms import refused, safe_next
from mock_server.admin.inspector.render import page
from mock_server.admin.inspector.session import (
    attach_cookie,
    session_id,
    sessions,
    switch_session,
)
from mock_server.hosting.context import current_emulator

HOME = "/_mock/inspector"


def sign_in_page(next_path: str, status: int = 401, error: str | None = None) -> Response:
    """The form, answered in place of any page the browser may not see yet. Arriving from
    another site (a resource link pasted in a chat), the browser withheld the SameSite=Strict
    cookie, so the page reloads itself once from here, where it sends it."""
    bounce = request.headers.get("Sec-Fetch-Site") == "cross-site" and request.method == "GET"
    return page("sign_in.html", status=status, next_path=next_path, error=error, bounce=bounce)


@bp.get("/sign-in")
def sign_in_form() -> Response:
    return sign_in_page(safe_next(request.args.get("next"), HOME), status=200)


@bp.post("/sign-in")
def sign_in() -> Response:
    session = session_id()
    if not sessions().csrf_ok(session, request.form.get("csrf")):
        return refused("The sign-in form is out of date. Reload the page and try again.")
    token = current_emulator().settings.admin_token
    target = safe_next(request.form.get("next"), HOME)
    given = request.form.get("token", "")
    if token is None:
        return redirect(target, code=303)
    if not hmac.compare_digest(given.encode(), token.encode()):
        return sign_in_page(target, error="That is not the admin token.")
    switch_session(sessions().sign_in())
    return attach_cookie(redirect(target, code=303))


@bp.post("/sign-out")
def sign_out() -> Response:
    session = session_id()
    if not sessions().csrf_ok(session, request.form.get("csrf")):
        return refused("The sign-out form is out of date. Reload the page and try again.")
    sessions().sign_out(session)
    switch_session(sessions().new_id())
    return attach_cookie(redirect(HOME, code=303))
