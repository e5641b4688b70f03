"""What `serve` prints while it runs: a line per request and per webhook attempt."""

from __future__ import annotations

import json
import time
import urllib.request

import pytest

from tests.support.served import served

pytestmark = pytest.mark.served
ITEM_BODY = {"agent_id": "invoice_processing_agent"}


def call(base_url: str, method: str, path: str, body: object = None) -> None:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base_url + path, data=data, method=method)
    request.add_header("Authorization", "Bearer local-dev-key")
    request.add_header("Content-Type", "application/json")
    try:
        urllib.request.urlopen(request, timeout=5).close()
    except urllib.error.HTTPError as error:
        error.close()


def lines_after_banner(text: str) -> list[str]:
    return text.split("Press Ctrl-C to stop.", 1)[-1].strip().splitlines()


def wait_for(server, count: int) -> list[str]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        lines = lines_after_banner(server.printed())
        if len(lines) >= count:
            return lines
        time.sleep(0.05)
    return lines_after_banner(server.printed())


def test_each_request_and_webhook_attempt_gets_a_line():
    with served(["--clock", "manual"]) as server:
        inbox = f"{server.base_url}/_mock/inbox/console"
        body = {**ITEM_BODY, "callbacks": [{"url": inbox, "on_status": "PENDING"}]}
        call(server.base_url, "POST", "/api/v1/work-items", body)
        call(server.base_url, "GET", "/api/v1/work-items/nope")
        call(server.base_url, "POST", "/_mock/clock/advance", {"seconds": 0})
        lines = wait_for(server, 3)

    created, missing, webhook = lines[:3]
    assert " POST   /api/v1/work-items 200 " in created
    assert " sema4 " in created
    assert " GET    /api/v1/work-items/nope 404 " in missing
    assert "not found" in missing.lower()
    assert " webhook sema4 PENDING of " in webhook
    assert "attempt 1: 200" in webhook


def test_quiet_prints_only_the_banner():
    with served(["--quiet"]) as server:
        call(server.base_url, "GET", "/api/v1/work-items")
        time.sleep(0.3)
        printed = server.printed()

    assert "Press Ctrl-C to stop." in printed
    assert lines_after_banner(printed) == []


def test_json_log_format_prints_one_object_per_line():
    with served(["--log-format", "json"]) as server:
        call(server.base_url, "GET", "/api/v1/work-items")
        [line] = wait_for(server, 1)

    fields = json.loads(line)
    assert (fields["type"], fields["method"], fields["status"]) == ("request", "GET", 200)
