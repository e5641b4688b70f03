"""Browser sessions of the inspector: a cookie, CSRF tokens bound to it, admin sign-in, notices."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
from collections import OrderedDict
from typing import TypeVar

from flask import current_app, request
from werkzeug.wrappers import Response

COOKIE = "workitems_mock_session"
EXTENSION = "workitems_mock_inspector"
ENVIRON = "workitems_mock.inspector_session"  # (session id, whether it is new)
SESSION_ID = re.compile(r"[A-Za-z0-9_-]{32}")
MAX_SIGNED_IN = 1000
MAX_NOTICES = 1000
R = TypeVar("R", bound=Response)


class Sessions:
    """Per app, never per emulator: a reset or an imported state signs nobody out.

    Ids and the CSRF secret come from `secrets`, never from the emulator's id streams: with
    `--seed` those repeat from run to run, and a session id anyone can predict is worthless.
    """

    def __init__(self) -> None:
        self._secret = secrets.token_bytes(32)
        self._signed_in: OrderedDict[str, None] = OrderedDict()
        self._notices: OrderedDict[str, tuple[str, bool]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def new_id() -> str:
        return secrets.token_urlsafe(24)

    def csrf_token(self, session_id: str) -> str:
        return hmac.new(self._secret, session_id.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, session_id: str | None, token: str | None) -> bool:
        if not session_id or not token:
            return False
        return hmac.compare_digest(self.csrf_token(session_id).encode(), token.encode())

    def sign_in(self) -> str:
        """A fresh session id that counts as signed in (never the visitor's old one)."""
        session_id = self.new_id()
        with self._lock:
            self._signed_in[session_id] = None
            while len(self._signed_in) > MAX_SIGNED_IN:
                self._signed_in.popitem(last=False)
        return session_id

    def sign_out(self, session_id: str) -> None:
        with self._lock:
            self._signed_in.pop(session_id, None)

    def is_signed_in(self, session_id: str | None) -> bool:
        with self._lock:
            return session_id is not None and session_id in self._signed_in

    def tell(self, session_id: str, text: str, ok: bool = True) -> None:
        """Keep a message for the session's next page (what a form did, or why it did not)."""
        with self._lock:
            self._notices[session_id] = (text, ok)
            while len(self._notices) > MAX_NOTICES:
                self._notices.popitem(last=False)

    def take_notice(self, session_id: str) -> tuple[str, bool] | None:
        with self._lock:
            return self._notices.pop(session_id, None)


def sessions() -> Sessions:
    found: Sessions = current_app.extensions.setdefault(EXTENSION, Sessions())
    return found


def presented_session() -> str | None:
    """The session id the browser sent, if it has the shape of one."""
    value = request.cookies.get(COOKIE)
    return value if value and SESSION_ID.fullmatch(value) else None


def session_id() -> str:
    """This request's session: the browser's, or a new one its answer will set."""
    known = request.environ.get(ENVIRON)
    if known is None:
        presented = presented_session()
        known = (presented, False) if presented else (Sessions.new_id(), True)
        request.environ[ENVIRON] = known
    return str(known[0])


def switch_session(new_id: str) -> None:
    """Answer this request with another session cookie (after signing in or out)."""
    request.environ[ENVIRON] = (new_id, True)


def attach_cookie(response: R) -> R:
    """Set the session cookie on `response` when this request started or switched one."""
    known = request.environ.get(ENVIRON)
    if known is not None and known[1]:
        response.set_cookie(
            COOKIE,
            known[0],
            httponly=True,
            samesite="Strict",
            path="/_mock",
            secure=request.is_secure,
        )
    return response
