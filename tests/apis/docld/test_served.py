"""`serve` hosting every API answers DocLD on its own paths, in its own envelope."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from mock_server.commands.serve import banner
from mock_server.emulator import Emulator
from mock_server.settings import Settings
from tests.apis.docld.conftest import KEY
from tests.support.served import served

pytestmark = pytest.mark.served


def call(url: str, method: str = "GET", body: object = None, key: str | None = KEY):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, error.headers, json.load(error)


def test_serve_answers_docld_on_its_paths_beside_sema4():
    workflow = {
        "name": "Routing",
        "definition": {"steps": [{"id": "parse", "type": "parse", "config": {}}]},
        "trigger_type": "manual",
    }
    with served() as server:
        base = server.base_url
        health = call(f"{base}/api/health", key=None)
        created = call(f"{base}/api/workflows", "POST", workflow)
        aliased = call(f"{base}/api/v1/workflows/{created[2]['workflow']['id']}")
        missing = call(f"{base}/api/v1/workflows/nope")
        unkeyed = call(f"{base}/api/workflows", key=None)
        sema4 = call(f"{base}/api/v1/work-items", key="local-dev-key")
        sema4_with_docld_key = call(f"{base}/api/v1/work-items")

    assert health[0] == 200
    assert health[1]["x-request-id"]
    status, headers, body = created
    assert status == 201
    assert headers["X-RateLimit-Limit"] == "1000"
    assert headers["x-request-id"]
    assert aliased[2]["workflow"] == body["workflow"]
    assert missing[0] == 404
    assert missing[2]["error"]["type"] == "not_found_error"
    assert unkeyed[0] == 401
    assert unkeyed[2]["error"]["code"] == "missing_api_key"
    assert sema4[0] == 200
    assert "records" in sema4[2]
    assert sema4_with_docld_key[0] == 401
    assert "error_id" in sema4_with_docld_key[2]["error"]  # Sema4's envelope on Sema4's path


def test_the_serve_banner_names_docld_its_key_and_its_inboxes():
    emulator = Emulator(Settings())
    try:
        text = banner(emulator)
    finally:
        emulator.stop()

    assert "DocLD Workflows API (documented profile)" in text
    assert f"Authorization: Bearer {KEY}  (organization org-local, standard" in text
    assert "slack -> /_mock/inbox/docld-slack" in text
