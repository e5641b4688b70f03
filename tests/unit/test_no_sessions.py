"""The emulator shares one null session; an app given a secret key gets Flask's sessions."""

from __future__ import annotations

import pytest
from flask import session
from flask.sessions import NullSession

from mock_server import create_app
from mock_server.settings import Settings


def test_requests_share_one_null_session_that_refuses_writes():
    app = create_app(Settings())

    with app.test_request_context("/"):
        first = session._get_current_object()  # type: ignore[attr-defined]
    with app.test_request_context("/"):
        assert session._get_current_object() is first  # type: ignore[attr-defined]
        assert isinstance(first, NullSession)
        with pytest.raises(RuntimeError, match="secret key"):
            session["user"] = "me"


def test_a_secret_key_brings_real_sessions_back():
    app = create_app(Settings())
    app.secret_key = "embedded"

    with app.test_request_context("/"):
        session["user"] = "me"
        assert session["user"] == "me"
