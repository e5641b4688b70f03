from tests.support.workitems import API, create


def test_agents_can_be_listed_and_added_at_run_time(client):
    added = client.post(
        "/_mock/agents", json={"agent_id": "triage", "name": "Triage", "scenario": "fail"}
    )

    assert added.status_code == 201
    assert "triage" in [a["agent_id"] for a in client.get("/_mock/agents").json["agents"]]
    assert create(client, agent_id="triage")["mock_scenario"] == "fail"
    assert client.post("/_mock/agents", json={"agent_id": "triage", "name": "x"}).status_code == 400


def test_an_agent_with_an_unknown_scenario_is_refused(client):
    response = client.post("/_mock/agents", json={"agent_id": "a", "name": "A", "scenario": "nope"})

    assert response.status_code == 422
    assert response.json["error"]["details"]["field"] == "body.scenario"
    assert "complete" in response.json["error"]["message"]  # the choices are listed


def test_an_unknown_scenario_for_an_agent_names_the_body_field(client):
    response = client.put(
        "/_mock/agents/invoice_processing_agent/scenario", json={"scenario": "nope"}
    )

    assert response.status_code == 422
    assert response.json["error"]["details"]["field"] == "body.scenario"


def test_an_unknown_agent_lists_the_known_ones(client):
    response = client.put("/_mock/agents/nobody/scenario", json={"scenario": "complete"})

    assert response.status_code == 404
    assert "invoice_processing_agent" in response.json["error"]["message"]


def test_an_agents_default_scenario_can_be_switched(client):
    assert (
        client.put(
            "/_mock/agents/invoice_processing_agent/scenario", json={"scenario": "fail"}
        ).status_code
        == 200
    )

    assert create(client)["mock_scenario"] == "fail"
    assert client.put("/_mock/agents/nope/scenario", json={"scenario": "fail"}).status_code == 404


def test_a_waiting_items_scenario_switch_takes_effect_at_once(client):
    item_id = create(client)["work_item_id"]

    switched = client.put(f"/_mock/work-items/{item_id}/scenario", json={"scenario": "fail"})
    client.post("/_mock/clock/advance", json={"seconds": 5})

    assert switched.json["mock_scenario"] == "fail"
    assert client.get(f"{API}/{item_id}").json["status"] == "FAILED"


def test_keys_can_be_added_and_are_listed_masked(client, anonymous):
    added = client.post(
        "/_mock/keys",
        json={"name": "ci", "tenant": "local", "user_id": "ci-bot", "permissions": ["read"]},
    ).json

    assert (
        anonymous.get(API, headers={"Authorization": f"Bearer {added['key']}"}).status_code == 200
    )
    listed = {k["name"]: k for k in client.get("/_mock/keys").json["keys"]}
    assert listed["ci"]["key"] != added["key"]
    assert listed["ci"]["can_write"] is False


def test_a_scenario_can_be_defined_at_run_time(client):
    scenario = {
        "runs": [{"steps": [{"after": 0, "status": "EXECUTING"}, {"after": 4, "status": "PAUSED"}]}]
    }

    assert client.put("/_mock/scenarios/pause_later", json=scenario).status_code == 200
    item_id = client.post(
        API,
        json={"agent_id": "invoice_processing_agent"},
        headers={"Prefer": "scenario=pause_later"},
    ).json["work_item_id"]
    client.post("/_mock/clock/advance", json={"seconds": 4})

    assert client.get(f"{API}/{item_id}").json["status"] == "PAUSED"
    assert "pause_later" in [s["name"] for s in client.get("/_mock/scenarios").json["scenarios"]]


def test_an_illegal_scenario_is_refused_naming_the_step(client):
    scenario = {"runs": [{"steps": [{"after": 0, "status": "COMPLETED"}]}]}

    response = client.put("/_mock/scenarios/bad", json=scenario)

    assert response.status_code == 400
    assert "run 1, step 1" in response.json["error"]["message"]


def test_the_clock_can_be_set_forward_running_what_falls_due(client):
    item_id = create(client)["work_item_id"]

    response = client.post("/_mock/clock/set", json={"now": "2025-01-15T11:00:00Z"})

    assert response.json["now"] == "2025-01-15T11:00:00.000000Z"
    assert len(response.json["ran"]) == 2
    assert client.get(f"{API}/{item_id}").json["status"] == "COMPLETED"


def test_the_clock_never_goes_backwards(client):
    response = client.post("/_mock/clock/set", json={"now": "2020-01-01T00:00:00Z"})

    assert response.status_code == 422


def test_the_clock_can_switch_to_real_time_and_back(client):
    real = client.post("/_mock/clock/set", json={"mode": "real", "speed": 5}).json
    manual = client.post("/_mock/clock/set", json={"mode": "manual"}).json

    assert (real["mode"], real["speed"]) == ("real", 5)
    assert manual["mode"] == "manual"
    assert client.get("/_mock/clock").json["mode"] == "manual"


def test_a_step_replaced_by_a_scenario_switch_is_neither_pending_nor_listed_as_run(client):
    item_id = create(client)["work_item_id"]  # `complete`: picked up after 1 s
    client.put(f"/_mock/work-items/{item_id}/scenario", json={"scenario": "instant"})

    pending = client.get("/_mock/clock").json["pending"]
    ran = client.post("/_mock/clock/advance", json={"seconds": 10}).json["ran"]

    assert len(pending) == 1
    tasks = [entry["task"] for entry in ran]
    assert len(tasks) == len(set(tasks)) == 2  # instant: start, complete; each once
    assert client.get(f"{API}/{item_id}").json["status"] == "COMPLETED"
