"""Browser fixtures: one Chromium per session, one served emulator per module, a fresh page."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support.browser import CHROMIUM, FLAGS, why_no_browser
from tests.support.served import Served, served


def call(
    base_url: str,
    method: str,
    path: str,
    body: object = None,
    token: str | None = None,
    headers: dict[str, str] | None = None,
):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base_url + path, data=data, method=method)
    request.add_header("Authorization", f"Bearer {token or 'local-dev-key'}")
    request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    reason = why_no_browser()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(chromium: Any) -> Iterator[Served]:
    with served(["--clock", "manual", "--seed", "5"]) as running:
        yield running


def open_page(chromium: Any, base_url: str) -> Iterator[Any]:
    """A page in a fresh context that fails its test if it asked any other host for anything."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    asked: list[str] = []
    context.on("request", lambda r: asked.append(r.url))
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    ours = urlsplit(base_url).netloc
    elsewhere = [url for url in asked if urlsplit(url).netloc != ours]
    assert asked, "the page made no request at all"
    assert elsewhere == [], f"the page asked other hosts: {elsewhere}"


@pytest.fixture
def page(chromium: Any, server: Served) -> Iterator[Any]:
    call(server.base_url, "POST", "/_mock/reset")
    yield from open_page(chromium, server.base_url)
