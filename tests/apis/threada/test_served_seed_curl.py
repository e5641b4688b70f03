"""The reference's two curl examples, run verbatim one after the other against `serve`, which
hosts every API: each answers exactly what the reference shows, and Sema4 still answers."""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from typing import Any

import pytest

from tests.apis.threada.http_support import THREADA
from tests.apis.threada.seed import SEED_BASE_URL, curl_examples, parse_curl
from tests.support.contract import check_response
from tests.support.served import Served, served

pytestmark = [
    pytest.mark.served,
    pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed"),
]
DOCUMENTED = [
    {"work_item_id": "wi_123", "status": "new", "workflow_id": "policy_review"},
    {"execution_id": "ex_456", "status": "started", "idempotency_key": "idem_789"},
]


@pytest.fixture(scope="module")
def server() -> Iterator[Served]:
    with served(["--clock", "manual"]) as running:
        yield running


def run_curl(command: str) -> tuple[int, Any]:
    completed = subprocess.run(
        ["bash", "-c", command + " --silent --show-error --write-out '\\n%{http_code}'"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    body, _, status = completed.stdout.rpartition("\n")
    return int(status), json.loads(body)


def test_the_references_curl_examples_answer_what_it_shows(server):
    examples = curl_examples()
    assert len(examples) == 2

    for example, documented in zip(examples, DOCUMENTED, strict=True):
        # Only the endpoint changes: the key (`<token>`), headers and body are as written.
        status, body = run_curl(example.replace(SEED_BASE_URL, server.base_url))

        assert {k: body[k] for k in documented} == documented
        request = parse_curl(example)
        operation = THREADA.operation_for(request.method, request.url.removeprefix(SEED_BASE_URL))
        assert operation is not None
        check_response(operation, status, "application/json", body)
    assert status == 202


def get(server: Served, path: str, key: str) -> tuple[int, Message, Any]:
    """(status, headers, JSON) of a GET; headers are read in any case, as HTTP has them."""
    request = urllib.request.Request(f"{server.base_url}{path}")
    request.add_header("Authorization", f"Bearer {key}")
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, error.headers, json.load(error)


def test_the_same_server_answers_sema4_and_threada_errors_in_their_own_envelopes(server):
    sema4_status, _, sema4 = get(server, "/api/v1/work-items", "local-dev-key")
    status, headers, missing = get(server, "/work-items/wi_999", "threada-dev-key")

    assert sema4_status == 200
    assert "records" in sema4
    assert status == 404
    assert missing["error"]["type"] == "validation"
    assert missing["error"]["code"] == "work_item_not_found"
    assert headers.get("X-Correlation-Id") == missing["error"]["correlation_id"]
