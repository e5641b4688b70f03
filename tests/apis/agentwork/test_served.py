"""`workitems-mock serve` with Agentwork: beside Sema4 on one port, or alone with --api."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from tests.apis.agentwork.conftest import DEV_KEY
from tests.support.served import free_port, served, wait_healthy

pytestmark = pytest.mark.served


def call(url: str, method: str = "GET", body: object = None, key: str | None = None):
    """(status, JSON document) of one request, errors included."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def test_both_apis_answer_on_one_port_each_on_its_paths_in_its_envelope():
    with served(["--clock", "manual"]) as server:
        base = server.base_url
        created = call(f"{base}/api/v1/tasks", "POST", {"title": "t", "description": "d"}, DEV_KEY)
        listed = call(f"{base}/api/v1/work-items", key="local-dev-key")
        task_404 = call(f"{base}/api/v1/tasks/x/y", key=DEV_KEY)
        item_404 = call(f"{base}/api/v1/work-items/x/y/z", key="local-dev-key")
        unauthorized = call(f"{base}/api/v1/tasks/")
        apis = call(f"{base}/_mock/apis")[1]["apis"]

    assert created[0] == 201
    assert listed[0] == 200
    assert task_404 == (
        404,
        {"status_code": 404, "detail": "No route matches GET /api/v1/tasks/x/y."},
    )
    assert item_404[0] == 404
    assert item_404[1]["error"]["code"] == "not_found"
    assert unauthorized == (401, {"status_code": 401, "detail": "Missing API key"})
    assert [api["name"] for api in apis][:2] == ["sema4", "agentwork"]  # by rank


def test_serve_api_agentwork_serves_only_agentwork():
    with served(["--clock", "manual", "--api", "agentwork"]) as server:
        base = server.base_url
        task = call(f"{base}/api/v1/tasks/", "POST", {"title": "t", "description": "d"}, DEV_KEY)
        work_items = call(f"{base}/api/v1/work-items", key="local-dev-key")
        apis = call(f"{base}/_mock/apis")[1]["apis"]

    assert task[0] == 201
    assert work_items == (
        404,
        {"status_code": 404, "detail": "No route matches GET /api/v1/work-items."},
    )
    assert [api["name"] for api in apis] == ["agentwork"]


def test_the_banner_lists_each_apis_endpoint_and_key():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mock_server", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_healthy(f"http://127.0.0.1:{port}", process)  # type: ignore[arg-type]
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=15)

    assert re.search(r"serving \d+ APIs", output)
    assert "\nAgentwork Tasks API (agent-guide profile)\n" in output
    assert f"endpoint   http://127.0.0.1:{port}/api/v1/tasks/" in output
    assert f"Authorization: Bearer {DEV_KEY}  (dev@example.com)" in output
    assert "scenarios  straight_through, question_first" in output
