"""The official client, `agentwork-mcp` 0.1.3, unmodified, against the emulator on a real port.

`workitems_mock` is the project's own pytest plugin: one emulator per session on a manual
clock, back to its starting state before each test; `mock.api("agentwork")` is its entry of
`/_mock/apis` (base URL, a key, the accounts).
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from agentwork_mcp.client import AgentworkClient

from mock_server.testing import WorkItemsMock, running_emulator


def run(step: Coroutine[Any, Any, dict[str, Any]]) -> dict[str, Any]:
    # In its own thread: a session-wide Playwright (the inspector's browser tests) keeps an
    # event loop running in this one, where asyncio.run refuses to start another.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, step).result()


def official(mock: WorkItemsMock) -> AgentworkClient:
    """The client as its users build it: the server's root URL (it adds /api/v1 itself)."""
    return AgentworkClient(base_url=mock.base_url)


@pytest.fixture
def key(workitems_mock: WorkItemsMock) -> str:
    api_key: str = workitems_mock.api("agentwork")["api_key"]
    return api_key


def http_status(step: Coroutine[Any, Any, dict[str, Any]]) -> int:
    """The status of the HTTPStatusError the client raises."""
    with pytest.raises(httpx.HTTPStatusError) as raised:
        run(step)
    return raised.value.response.status_code


def test_register_create_approve_the_spec_and_the_solution_then_read_the_result(workitems_mock):
    client = official(workitems_mock)
    account = run(client.register("client@example.org"))
    key = account["api_key"]

    created = run(client.create_task("Build a landing page", "A hero and a footer.", key))
    task_id = created["task_id"]
    workitems_mock.advance(3)
    spec = run(client.get_task_status(task_id, key))
    run(client.approve_spec(task_id, True, key))
    workitems_mock.advance(4)
    solution = run(client.get_task_status(task_id, key))
    approved = run(client.approve_solution(task_id, True, key))
    result = run(client.get_task_result(task_id, key))
    listed = run(client.list_tasks(key))

    assert created["status"] == "processing"
    assert spec["status"] == "awaiting_spec_approval"
    assert spec["spec"]["content"].startswith("Plan for Build a landing page")
    assert solution["status"] == "awaiting_solution_approval"
    assert approved == {"success": True, "status": "completed"}
    assert result["result_text"] == "Here is the completed solution for Build a landing page."
    assert [t["task_id"] for t in listed["tasks"]] == [task_id]


def test_every_waiting_status_answered_through_the_client(workitems_mock, key):
    client = official(workitems_mock)
    headers = {"Authorization": f"Bearer {key}", "Prefer": "scenario=question_first"}
    task_id = httpx.post(  # the client cannot pick a scenario: the account's default is used
        f"{workitems_mock.api('agentwork')['base_url']}/tasks/",
        json={"title": "Dashboard", "description": "Charts."},
        headers=headers,
    ).json()["task_id"]
    workitems_mock.advance(3)

    question = run(client.get_task_status(task_id, key))["question"]
    replied = run(client.send_message(task_id, "Vue", key))
    workitems_mock.advance(3)
    rejected_spec = run(client.approve_spec(task_id, False, key, rejection_reason="Add tests"))
    workitems_mock.advance(2)
    revised = run(client.get_task_status(task_id, key))

    assert question["content"] == "Which framework should I use?"
    assert replied == {"success": True, "status": "processing"}
    assert rejected_spec == {"success": True, "status": "processing"}
    assert revised["status"] == "awaiting_spec_approval"
    assert "Add tests" in revised["spec"]["content"]

    run(client.approve_spec(task_id, True, key))
    workitems_mock.advance(3)
    rejected = run(client.approve_solution(task_id, False, key, rejection_reason="Dark mode"))
    workitems_mock.advance(3)
    reworked = run(client.get_task_status(task_id, key))
    run(client.approve_solution(task_id, True, key))

    assert rejected["status"] == "processing"
    assert reworked["status"] == "awaiting_solution_approval"
    assert "Dark mode" in reworked["solution"]["content"]
    assert run(client.get_task_status(task_id, key))["status"] == "completed"


def test_the_result_files_download_from_the_emulator(workitems_mock, key):
    client = official(workitems_mock)
    task_id = run(client.create_task("Page", "A page.", key))["task_id"]
    workitems_mock.advance(3)
    run(client.approve_spec(task_id, True, key))
    workitems_mock.advance(4)
    run(client.approve_solution(task_id, True, key))

    files = run(client.get_task_result(task_id, key))["files"]
    download = httpx.get(files[0]["download_url"])

    assert urlsplit(files[0]["download_url"]).netloc == urlsplit(workitems_mock.base_url).netloc
    assert download.status_code == 200
    assert download.text == "# Page\n\nA page.\n"


def test_cancel_through_the_client_and_its_errors(workitems_mock, key):
    client = official(workitems_mock)
    task_id = run(client.create_task("Soon cancelled", "x", key))["task_id"]

    cancelled = run(client.cancel_task(task_id, key))

    assert cancelled == {"success": True, "status": "cancelled"}
    assert http_status(client.cancel_task(task_id, key)) == 400
    assert http_status(client.get_task_result(task_id, key)) == 400
    assert http_status(client.send_message(task_id, "late", key)) == 400
    assert http_status(client.approve_spec(task_id, True, key)) == 400


def test_the_clients_errors_carry_the_documented_statuses(workitems_mock, key):
    client = official(workitems_mock)

    assert http_status(client.register("dev@example.com")) == 409
    assert http_status(client.get_task_status("no-such-task", key)) == 404
    assert http_status(client.list_tasks("aw_live_NotAKey")) == 401
    assert http_status(client.create_task("t", "d", "")) == 401
    assert http_status(client.approve_solution("no-such-task", True, key)) == 404


def test_an_account_out_of_credits_gets_429_through_the_client(workitems_mock):
    client = official(workitems_mock)
    acme = next(
        a["api_key"]
        for a in workitems_mock.api("agentwork")["accounts"]
        if a["email"] == "acme@example.com"
    )
    run(client.create_task("one", "d", acme))
    run(client.create_task("two", "d", acme))

    with pytest.raises(httpx.HTTPStatusError) as raised:
        run(client.create_task("three", "d", acme))

    assert raised.value.response.status_code == 429
    assert raised.value.response.json()["detail"].startswith("Daily credit limit reached")


def test_running_emulator_gives_agentworks_entry_too():
    with running_emulator() as mock:
        agentwork = mock.api("agentwork")
        client = AgentworkClient(base_url=mock.base_url)
        task_id = run(client.create_task("t", "d", agentwork["api_key"]))["task_id"]
        mock.advance(3)

        assert run(client.get_task_status(task_id, agentwork["api_key"]))["spec"] is not None
        assert agentwork["base_url"] == f"{mock.base_url}/api/v1"
        assert agentwork["contract_url"] == f"{mock.base_url}/_mock/apis/agentwork/openapi.yaml"
