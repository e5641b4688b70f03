"""The shared control plane with Agentwork hosted: the agent on a manual clock, people winning,
snapshots, scenarios, the journal, fault rules, reset and the inspector."""

from __future__ import annotations

import copy

import pytest

from tests.apis.agentwork.conftest import DEV_KEY, refusal


def test_the_agent_walks_a_task_through_on_the_manual_clock(aw, advance):
    task_id = aw.create("straight_through")

    seen = [aw.status(task_id)]
    for seconds in (1, 2):
        advance(seconds)
        seen.append(aw.status(task_id))
    aw.post(f"/tasks/{task_id}/spec-status", {"status": "CONFIRMED"})
    advance(1)
    seen.append(aw.status(task_id))
    advance(3)
    seen.append(aw.status(task_id))

    assert seen == [
        "processing",
        "processing",
        "awaiting_spec_approval",
        "processing",
        "awaiting_solution_approval",
    ]


def test_nothing_moves_while_the_clock_stands_still(aw, advance):
    task_id = aw.create("direct_answer")
    advance(2.9)

    assert aw.status(task_id) == "processing"


def test_a_cancel_wins_over_the_agent_step_already_planned(aw, advance, client):
    task_id = aw.create("direct_answer")
    advance(1)
    pending = client.get("/_mock/clock").json["pending"]
    assert any(task_id in p["task"] for p in pending)

    aw.post(f"/tasks/{task_id}/cancel")
    advance(10)

    assert aw.status(task_id) == "cancelled"
    assert aw.events(task_id)[-1]["content"] == "Task cancelled"
    assert refusal(aw.get(f"/tasks/{task_id}/result"), 400).endswith("(status: cancelled)")


def test_a_reply_replans_the_agent_from_the_moment_it_came(aw, advance):
    task_id = aw.create("question_first")
    advance(3)
    advance(30)  # the customer takes their time
    aw.post(f"/tasks/{task_id}/message", {"message": "Svelte"})

    advance(0.9)
    assert aw.events(task_id)[-1]["type"] == "reply"
    advance(0.1)
    assert aw.events(task_id)[-1]["content"] == "Noted: Svelte."


def test_the_scenarios_are_listed_and_a_new_one_can_be_played(aw, advance, client):
    listed = client.get("/_mock/apis/agentwork/scenarios").json["scenarios"]
    assert {s["name"] for s in listed} >= {"straight_through", "question_first", "stall"}
    assert all("steps" in s for s in listed)

    quick = {
        "description": "Finishes at once.",
        "steps": [{"after": 0.5, "action": "finish", "content": "Quick: {title}"}],
    }
    put = client.put("/_mock/apis/agentwork/scenarios/quick", json=quick)
    assert put.status_code == 200
    assert put.json["name"] == "quick"
    task_id = aw.create("quick")
    advance(0.5)

    assert aw.status(task_id) == "completed"
    assert aw.get(f"/tasks/{task_id}/result").json["result_text"] == "Quick: Build a page"


@pytest.mark.parametrize(
    ("document", "status", "words"),
    [
        ({"steps": [{"after": 1, "action": "dance", "content": "x"}]}, 400, "unknown action"),
        (
            {
                "steps": [
                    {"after": 1, "action": "finish", "content": "x"},
                    {"after": 1, "action": "note", "content": "y"},
                ]
            },
            400,
            "step 2: never played",
        ),
        ({"steps": [{"after": -1, "action": "note", "content": "x"}]}, 422, "body.steps.0.after"),
        ({"stepz": []}, 422, "body.steps"),
    ],
)
def test_a_scenario_the_agent_cannot_play_is_refused_naming_the_step(
    client, document, status, words
):
    response = client.put("/_mock/apis/agentwork/scenarios/broken", json=document)

    assert response.status_code == status
    assert words in response.json["error"]["message"]
    listed = client.get("/_mock/apis/agentwork/scenarios").json["scenarios"]
    assert "broken" not in {s["name"] for s in listed}


def test_one_task_can_switch_scenario_and_plays_the_new_script(aw, advance, client):
    task_id = aw.create("stall")

    response = client.put(
        f"/_mock/apis/agentwork/resources/{task_id}/scenario", json={"scenario": "direct_answer"}
    )
    advance(3)

    assert response.status_code == 200
    assert response.json["mock_scenario"] == "direct_answer"
    assert aw.status(task_id) == "completed"


def test_switching_an_unknown_task_or_to_an_unknown_scenario_is_refused(aw, client):
    task_id = aw.create()

    unknown_task = client.put(
        "/_mock/apis/agentwork/resources/nope/scenario", json={"scenario": "stall"}
    )
    unknown_scenario = client.put(
        f"/_mock/apis/agentwork/resources/{task_id}/scenario", json={"scenario": "nope"}
    )

    assert unknown_task.status_code == 404
    assert unknown_scenario.status_code == 400
    assert "Unknown scenario 'nope'" in unknown_scenario.json["error"]["message"]


def busy(aw, advance, client):
    """Tasks in several states, a registered account, credits spent, moves planned."""
    aw.as_(None).post("/auth/register", {"email": "snap@example.org"})
    waiting_reply = aw.create("question_first")
    aw.create("straight_through")
    advance(3)
    aw.post(f"/tasks/{waiting_reply}/message", {"message": "React"})
    client.post("/api/v1/work-items", json={"agent_id": "invoice_processing_agent"})
    advance(0.5)


def test_a_snapshot_round_trip_is_exact_and_the_restored_emulator_carries_on(
    aw, advance, client, app
):
    busy(aw, advance, client)
    saved = client.get("/_mock/state?include_secrets=true").json
    assert saved["apis"]["agentwork"]["tasks"]
    advance(20)
    later = client.get("/_mock/state?include_secrets=true").json

    assert client.put("/_mock/state", json=saved).status_code == 200
    assert client.get("/_mock/state?include_secrets=true").json == saved
    advance(20)
    assert client.get("/_mock/state?include_secrets=true").json == later


def test_a_broken_agentwork_part_is_refused_and_nothing_changes(aw, advance, client):
    busy(aw, advance, client)
    before = client.get("/_mock/state?include_secrets=true").json
    broken = copy.deepcopy(before)
    broken["apis"]["agentwork"]["tasks"][0]["status"] = "thinking"
    broken["apis"]["sema4"].update(work_items=[], agent_steps=[])  # valid, and different

    response = client.put("/_mock/state", json=broken)

    assert response.status_code == 422
    message = response.json["error"]["message"]
    assert message.startswith("State refused: apis.agentwork.tasks.0")
    assert "unknown status 'thinking'" in message
    after = client.get("/_mock/state?include_secrets=true").json
    assert after["apis"] == before["apis"]  # (the refusal's error id is the only new draw)
    assert after["clock"] == before["clock"]


def test_reset_forgets_tasks_and_registered_accounts_but_keeps_the_fixtures(aw, client):
    registered = aw.as_(None).post("/auth/register", {"email": "gone@example.org"}).json
    aw.create()

    assert client.post("/_mock/reset").status_code == 200

    assert aw.get("/tasks/").json["tasks"] == []
    assert refusal(aw.as_(registered["api_key"]).get("/tasks/"), 401) == "Invalid API key"
    assert aw.as_(DEV_KEY).get("/tasks/").status_code == 200
    assert aw.as_(None).post("/auth/register", {"email": "gone@example.org"}).status_code == 201


def test_the_journal_names_the_api_operation_and_task(aw, client):
    task_id = aw.create()
    aw.get(f"/tasks/{task_id}")
    aw.post(f"/tasks/{task_id}/message", {"message": "early"})

    entries = client.get("/_mock/requests?api=agentwork").json["requests"]
    mine = client.get(f"/_mock/requests?resource_id={task_id}").json["requests"]

    assert [e["operation"] for e in entries] == ["createTask", "getTask", "sendMessage"]
    assert {e["api"] for e in entries} == {"agentwork"}
    assert [e["resource_id"] for e in mine] == [task_id] * 3
    assert mine[-1]["status"] == 400
    assert mine[-1]["error_code"] == "illegal_move"
    assert mine[-1]["reason"] == "Task is not awaiting a reply (status: processing)"
    assert entries[0]["key"] == "aw_l…"


def test_the_journal_path_filter_takes_a_template_without_the_prefix(aw, client):
    task_id = aw.create()
    aw.get(f"/tasks/{task_id}")

    found = client.get("/_mock/requests?path=/tasks/{task_id}").json["requests"]

    assert [e["operation"] for e in found] == ["getTask"]


def test_a_fault_rule_on_a_task_status_fires_only_for_tasks_in_it(aw, advance, client):
    rule = client.post(
        "/_mock/faults",
        json={
            "api": "agentwork",
            "resource_status": "awaiting_reply",
            "method": "GET",
            "status": 500,
            "message": "try again",
        },
    )
    assert rule.status_code == 201
    asking = aw.create("question_first")
    working = aw.create("stall")
    advance(3)

    hit = aw.get(f"/tasks/{asking}")
    spared = aw.get(f"/tasks/{working}")
    sema4 = client.get("/api/v1/work-items")

    assert hit.status_code == 500
    assert hit.json == {
        "status_code": 500,
        "error": "internal_error",
        "detail": "try again",
        "request_id": hit.json["request_id"],
    }
    assert spared.status_code == 200
    assert sema4.status_code == 200


def test_a_fault_rule_by_path_answers_a_500_in_agentworks_envelope(aw, client):
    client.post("/_mock/faults", json={"path": "/tasks/", "method": "POST", "status": 500})

    response = aw.post("/tasks/", {"title": "t", "description": "d"})

    assert response.status_code == 500
    assert set(response.json) == {"status_code", "error", "detail", "request_id"}
    assert aw.get("/tasks/").json["tasks"] == []


def test_a_fault_rule_for_agentwork_leaves_the_other_api_alone(client):
    client.post("/_mock/faults", json={"api": "agentwork", "status": 503})

    assert client.get("/api/v1/work-items").status_code == 200


def test_the_api_is_described_with_a_usable_key(aw, client):
    described = client.get("/_mock/apis/agentwork").json

    assert described["base_url"].endswith("/api/v1")
    assert described["api_key"] == DEV_KEY
    assert described["email"] == "dev@example.com"
    assert "straight_through" in described["scenarios"]
    assert {a["email"] for a in described["accounts"]} >= {"dev@example.com", "acme@example.com"}
    assert client.get("/_mock/apis/agentwork/openapi.yaml").data.startswith(b"openapi: 3.1.0")
    listed = [api["name"] for api in client.get("/_mock/apis").json["apis"]]
    assert listed[:2] == ["sema4", "agentwork"]  # by rank: Sema4 first, then Agentwork


def test_the_inspector_shows_a_task_and_its_timeline(aw, advance, client):
    task_id = aw.create("question_first")
    advance(3)

    overview = client.get("/_mock/inspector").get_data(as_text=True)
    page = client.get(f"/_mock/work-items/{task_id}", headers={"Accept": "text/html"})
    document = client.get(f"/_mock/work-items/{task_id}").json

    assert task_id in overview
    assert "processing → awaiting_reply by agent_ask" in page.get_data(as_text=True)
    assert document["api"] == "agentwork"
    assert document["status"] == "awaiting_reply"
    assert document["events"][-1]["type"] == "question"


def test_a_download_is_journalled_against_its_task(aw, advance, client):
    task_id = aw.create("direct_answer")
    advance(3)
    url = aw.get(f"/tasks/{task_id}/result").json["files"][0]["download_url"]
    aw.client.get(url.removeprefix("http://127.0.0.1:8080"))

    mine = client.get(f"/_mock/requests?resource_id={task_id}").json["requests"]

    assert [e["operation"] for e in mine] == ["createTask", "getTaskResult", "downloadResultFile"]
    assert mine[-1]["status"] == 200


def test_a_fault_rule_on_a_status_agentwork_does_not_have_is_refused(client):
    response = client.post(
        "/_mock/faults", json={"api": "agentwork", "resource_status": "PAUSED", "status": 500}
    )

    assert response.status_code == 422
    assert "awaiting_reply" in response.json["error"]["message"]


def test_the_inspector_revision_moves_with_the_agent(aw, advance, app):
    from mock_server.hosting.context import current_emulator

    with app.app_context():
        runtime = current_emulator().apis["agentwork"]
    before = runtime.revision()
    aw.create("direct_answer")
    after_create = runtime.revision()
    advance(3)

    assert before < after_create < runtime.revision()
