"""The `api-reference` profile (no spec phase) over HTTP, and the contract check the tests use."""

from __future__ import annotations

import pytest

from mock_server import create_app
from mock_server.core.clock import ClockMode
from mock_server.settings import Settings
from tests.apis.agentwork.conftest import Agentwork, refusal
from tests.conftest import ContractClient
from tests.support.contract import AGENTWORK, check_response, operation_for


@pytest.fixture
def reference(clock):
    settings = Settings(
        seed=7, clock_mode=ClockMode.MANUAL, profiles=(("agentwork", "api-reference"),)
    )
    app = create_app(settings, clock=clock)
    app.test_client_class = ContractClient
    return app


def test_without_the_spec_phase_the_agent_goes_straight_to_the_solution(reference):
    aw = Agentwork(reference.test_client())
    task_id = aw.create("straight_through")
    control = reference.test_client()

    control.post("/_mock/clock/advance", json={"seconds": 7})

    assert aw.status(task_id) == "awaiting_solution_approval"
    assert "spec_proposed" not in [e["type"] for e in aw.events(task_id)]
    detail = refusal(aw.post(f"/tasks/{task_id}/spec-status", {"status": "CONFIRMED"}), 400)
    assert detail.startswith("The spec phase is off in this deployment")
    assert control.get("/_mock/apis/agentwork").json["profile"] == "api-reference"


def test_a_state_saved_with_the_spec_phase_is_refused_without_it(app, reference):
    saved = app.test_client().get("/_mock/state?include_secrets=true").json

    response = reference.test_client().put("/_mock/state", json=saved)

    assert response.status_code == 422
    assert "profile 'agent-guide'" in response.json["error"]["message"]


@pytest.mark.parametrize(
    ("method", "path", "operation"),
    [
        ("POST", "/api/v1/tasks/", "createTask"),
        ("POST", "/api/v1/tasks", "createTask"),
        ("GET", "/api/v1/tasks", "listTasks"),
        ("GET", "/api/v1/tasks/abc", "getTask"),
        ("POST", "/api/v1/tasks/abc/cancel", "cancelTask"),
        ("GET", "/api/v1/files/abc", "downloadResultFile"),
        ("POST", "/api/v1/work-items", "createWorkItem"),
    ],
)
def test_the_contract_check_finds_each_apis_operation(method, path, operation):
    found = operation_for(method, path)

    assert found is not None
    assert found.operation_id == operation


def test_the_contract_check_refuses_an_undocumented_field_or_status():
    get_task = AGENTWORK.contract.operation("getTask")
    task = {
        "task_id": "t",
        "title": "x",
        "status": "processing",
        "last_activity_at": "2025-01-01T00:00:00",
        "question": None,
        "spec": None,
        "solution": None,
    }
    check_response(get_task, 200, "application/json", task)

    with pytest.raises(Exception, match="Additional properties"):
        check_response(get_task, 200, "application/json", {**task, "extra": 1})
    with pytest.raises(AssertionError, match="answered 409"):
        check_response(get_task, 409, "application/json", {"status_code": 409, "detail": "x"})
