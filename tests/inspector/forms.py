"""Helpers for driving the inspector's pages and forms as a browser would, in-process."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def html(client: FlaskClient, path: str) -> str:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def csrf_of(client: FlaskClient, path: str = "/_mock/inspector") -> str:
    """The CSRF token a page hands its forms (visiting it sets the session cookie)."""
    found = CSRF.search(html(client, path))
    assert found, "the page has no form"
    return found.group(1)


def submit(client: FlaskClient, action: str, back: str = "/_mock/inspector", **fields: Any):
    """Post a form the way the page does: its CSRF token and the page to come back to."""
    token = csrf_of(client, back)
    data = {"csrf": token, "next": back, **{k: str(v) for k, v in fields.items()}}
    return client.post(action, data=data, headers=HTML)
