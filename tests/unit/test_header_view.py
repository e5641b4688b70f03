"""Handlers read request headers in place, by any capitalisation, as HTTP names them."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import EnvironHeaders

from mock_server.http.parsing import HeaderView
from mock_server.http.prefer import preference


def view() -> HeaderView:
    return HeaderView(EnvironHeaders({"HTTP_PREFER": "scenario=idle", "CONTENT_LENGTH": "2"}))


def test_names_match_in_any_case():
    headers = view()

    assert headers["prefer"] == headers["PREFER"] == "scenario=idle"
    assert preference(headers, "scenario") == "idle"


def test_a_missing_header_is_a_plain_key_error_and_get_gives_the_default():
    headers = view()

    with pytest.raises(KeyError):
        headers["X-Missing"]
    assert headers.get("X-Missing", "none") == "none"


def test_it_iterates_like_the_dict_it_replaces():
    assert dict(view()) == {"Prefer": "scenario=idle", "Content-Length": "2"}
    assert len(view()) == 2
