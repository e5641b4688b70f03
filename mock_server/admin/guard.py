"""Guards the control plane with a token when the emulator is reachable beyond loopback."""

from __future__ import annotations

import hmac
import re

from flask import Flask, request

from mock_server.core.errors import Unauthorized

# Webhooks arrive at inboxes from senders that know no admin token; reading them does not.
INBOX_CAPTURE = re.compile(r"^/_mock/inbox/[^/]+(?:/.*)?$")
ALWAYS_OPEN = frozenset({"/_mock/health"})


def is_open(method: str, path: str) -> bool:
    if path in ALWAYS_OPEN:
        return True
    configuring = method == "PUT" and path.count("/") == 3
    return bool(INBOX_CAPTURE.match(path)) and not path.endswith("/requests") and not configuring


def presented_token() -> str:
    scheme, _, secret = (request.headers.get("Authorization") or "").partition(" ")
    if scheme.lower() == "bearer" and secret.strip():
        return secret.strip()
    return request.headers.get("X-Admin-Token", "")


def install(app: Flask, token: str) -> None:
    """Every /_mock call but health and webhook captures must carry `token`."""

    @app.before_request
    def _guard() -> None:
        if not request.path.startswith("/_mock") or is_open(request.method, request.path):
            return
        if not hmac.compare_digest(presented_token().encode(), token.encode()):
            raise Unauthorized(
                "The control plane needs the admin token.",
                field="Authorization",
                issue="send 'Authorization: Bearer <admin token>' or 'X-Admin-Token'",
            )
