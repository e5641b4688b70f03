"""Guards the control plane with a token when the emulator is reachable beyond loopback."""

from __future__ import annotations

import hmac
import re

from flask import Flask, request
from werkzeug.wrappers import Response

from mock_server.core.errors import Unauthorized

# Webhooks arrive at inboxes from senders that know no admin token; reading them does not.
INBOX_CAPTURE = re.compile(r"^/_mock/inbox/[^/]+(?:/.*)?$")
ALWAYS_OPEN = frozenset({"/_mock/health", "/_mock/inspector/sign-in"})
INSPECTOR = "/_mock/inspector/"
STATIC = "/_mock/inspector/static/"  # the sign-in page's style and script


def is_open(method: str, path: str) -> bool:
    if path in ALWAYS_OPEN or path.startswith(STATIC):
        return True
    configuring = method == "PUT" and path.count("/") == 3
    return bool(INBOX_CAPTURE.match(path)) and not path.endswith("/requests") and not configuring


def presented_token() -> str:
    scheme, _, secret = (request.headers.get("Authorization") or "").partition(" ")
    if scheme.lower() == "bearer" and secret.strip():
        return secret.strip()
    return request.headers.get("X-Admin-Token", "")


def signed_in_browser() -> bool:
    """A browser signed in to the inspector may read anything under /_mock and use the
    inspector's forms (each checks its CSRF token); changing anything else through the JSON
    control plane still takes the bearer token."""
    from mock_server.admin.inspector.session import presented_session, sessions

    if not sessions().is_signed_in(presented_session()):
        return False
    return request.method in ("GET", "HEAD") or request.path.startswith(INSPECTOR)


def install(app: Flask, token: str) -> None:
    """Every /_mock call but health and webhook captures must carry `token` (or come from a
    browser signed in with it); a browser asking for a page gets the sign-in form instead."""

    @app.before_request
    def _guard() -> Response | None:
        if not request.path.startswith("/_mock") or is_open(request.method, request.path):
            return None
        if hmac.compare_digest(presented_token().encode(), token.encode()):
            return None
        if signed_in_browser():
            return None
        from mock_server.admin.inspector.render import is_browser
        from mock_server.admin.inspector.signin import sign_in_page

        if request.method == "GET" and is_browser():
            return sign_in_page(request.full_path.rstrip("?"))
        raise Unauthorized(
            "The control plane needs the admin token.",
            field="Authorization",
            issue="send 'Authorization: Bearer <admin token>' or 'X-Admin-Token'",
        )
