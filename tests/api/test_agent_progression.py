"""The simulated agent under manual time: exact statuses and timestamps after each advance."""

from __future__ import annotations

from tests.support.workitems import API, TEXT_MESSAGE, create, sema4_of


def get(client, item_id: str) -> dict:
    return client.get(f"{API}/{item_id}?results=true").json


def agent_texts(item: dict) -> list[str]:
    return [m["content"][0]["text"] for m in item["messages"] if m["role"] == "agent"]


def test_the_default_scenario_picks_up_after_1_s_and_completes_2_s_later(client, advance):
    item_id = create(client, messages=[TEXT_MESSAGE])["work_item_id"]

    advance(0.999)
    assert get(client, item_id)["status"] == "PENDING"

    advance(0.001)
    running = get(client, item_id)
    assert running["status"] == "EXECUTING"
    assert running["status_updated_at"] == "2025-01-15T10:30:01.000000Z"
    assert running["thread_id"] is not None

    advance(2)
    done = get(client, item_id)
    assert done["status"] == "COMPLETED"
    assert done["status_updated_at"] == "2025-01-15T10:30:03.000000Z"
    assert done["thread_id"] == running["thread_id"]
    assert done["messages"][0] == TEXT_MESSAGE
    assert agent_texts(done) == [f"Done: processed Work Item {item_id}."]


def test_advance_reports_what_ran(client, advance):
    item_id = create(client)["work_item_id"]

    ran = advance(10)["ran"]

    assert [(r["at"], r["task"]) for r in ran] == [
        ("2025-01-15T10:30:01.000000Z", f"agent: {item_id} run 1 -> EXECUTING"),
        ("2025-01-15T10:30:03.000000Z", f"agent: {item_id} run 1 -> COMPLETED"),
    ]


def test_needs_review_pauses_then_completes_after_continue(client, advance):
    item_id = create(client, agent_id="document_review_agent")["work_item_id"]

    advance(3)
    paused = get(client, item_id)
    assert paused["status"] == "PAUSED"
    assert agent_texts(paused) == ["Invoice ABC123 needs a human review before approval."]

    assert client.post(f"{API}/{item_id}/continue").json["status"] == "PENDING"
    advance(3)
    done = get(client, item_id)
    assert done["status"] == "COMPLETED"
    assert agent_texts(done) == [
        "Invoice ABC123 needs a human review before approval.",
        "Approved invoice ABC123.",
    ]
    assert done["thread_id"] == paused["thread_id"]


def test_flaky_fails_first_and_completes_after_restart_with_results_cleared(client, advance):
    response = client.post(
        API,
        json={"agent_id": "invoice_processing_agent", "messages": [TEXT_MESSAGE]},
        headers={"Prefer": "scenario=flaky"},
    )
    assert response.headers["Preference-Applied"] == "scenario=flaky"
    item_id = response.json["work_item_id"]

    advance(3)
    failed = get(client, item_id)
    assert failed["status"] == "FAILED"
    assert agent_texts(failed) == ["A downstream system timed out."]

    restarted = client.post(f"{API}/{item_id}/restart").json
    assert restarted["messages"] == [TEXT_MESSAGE]
    assert restarted["thread_id"] is None

    advance(3)
    done = get(client, item_id)
    assert done["status"] == "COMPLETED"
    assert len(agent_texts(done)) == 1
    assert done["thread_id"] not in (None, failed["thread_id"])


def test_fail_scenario_ends_failed(client, advance):
    response = client.post(
        API, json={"agent_id": "invoice_processing_agent"}, headers={"Prefer": "scenario=fail"}
    )

    advance(3)

    assert get(client, response.json["work_item_id"])["status"] == "FAILED"


def test_the_scenario_in_force_is_visible_on_the_item(client):
    default = create(client)
    chosen = client.post(
        API, json={"agent_id": "invoice_processing_agent"}, headers={"Prefer": "scenario=slow"}
    ).json

    assert default["mock_scenario"] == "complete"
    assert chosen["mock_scenario"] == "slow"


def test_continue_can_switch_the_scenario(client, advance):
    item_id = create(client, agent_id="document_review_agent")["work_item_id"]
    advance(3)

    response = client.post(f"{API}/{item_id}/continue", headers={"Prefer": "scenario=fail"})
    advance(3)

    assert response.json["mock_scenario"] == "fail"
    assert get(client, item_id)["status"] == "FAILED"


def test_an_unknown_scenario_is_400_listing_the_known_ones(client, emulator):
    response = client.post(
        API, json={"agent_id": "invoice_processing_agent"}, headers={"Prefer": "scenario=nope"}
    )

    assert response.status_code == 400
    assert "complete, fail, flaky" in response.json["error"]["message"]
    assert len(sema4_of(emulator).items.store) == 0


def test_cancel_during_executing_wins_over_the_running_agent(client, advance):
    item_id = create(client)["work_item_id"]
    advance(1)
    assert get(client, item_id)["status"] == "EXECUTING"

    client.post(f"{API}/{item_id}/cancel")
    advance(60)

    item = get(client, item_id)
    assert item["status"] == "CANCELLED"
    assert agent_texts(item) == []


def test_complete_during_executing_is_not_overwritten(client, advance):
    response = client.post(
        API, json={"agent_id": "invoice_processing_agent"}, headers={"Prefer": "scenario=fail"}
    )
    item_id = response.json["work_item_id"]
    advance(1)

    client.post(f"{API}/{item_id}/complete")
    advance(60)

    assert get(client, item_id)["status"] == "COMPLETED"


def test_a_superseded_run_never_fires(client, advance):
    item_id = create(client)["work_item_id"]
    advance(1)
    client.post(f"{API}/{item_id}/restart")  # EXECUTING -> PENDING: run 1's last step is stale

    advance(2)
    assert get(client, item_id)["status"] == "EXECUTING"  # run 2 started at +2 s
    advance(2)
    assert get(client, item_id)["status"] == "COMPLETED"
    assert len(agent_texts(get(client, item_id))) == 1


def test_items_are_picked_up_in_fifo_order(client, advance, clock):
    first = create(client)["work_item_id"]
    advance(0.5)
    second = create(client)["work_item_id"]

    ran = advance(1.5)["ran"]

    assert [r["task"].split()[1] for r in ran] == [first, second]


def test_a_precreated_item_waits_for_finalize(client, advance):
    upload = client.post(f"{API}/upload-file", data={"file": "doc.pdf"}).json
    advance(10)
    assert get(client, upload["work_item_id"])["status"] == "PRECREATED"

    client.post(
        API, json={"work_item_id": upload["work_item_id"], "agent_id": "invoice_processing_agent"}
    )
    advance(3)

    assert get(client, upload["work_item_id"])["status"] == "COMPLETED"


def test_the_idle_scenario_leaves_the_item_pending(client, advance):
    response = client.post(
        API, json={"agent_id": "invoice_processing_agent"}, headers={"Prefer": "scenario=idle"}
    )

    advance(3600)

    assert get(client, response.json["work_item_id"])["status"] == "PENDING"


def test_advance_validates_its_body(client):
    assert client.post("/_mock/clock/advance", json={"seconds": -1}).status_code == 422
    assert client.post("/_mock/clock/advance", json={"secs": 1}).status_code == 422
    assert (
        client.post("/_mock/clock/advance", data="{", content_type="application/json").status_code
        == 400
    )


def test_reset_forgets_items_and_pending_steps_and_repeats_seeded_ids(client, advance):
    first = create(client)["work_item_id"]

    assert client.post("/_mock/reset").json == {"status": "ok"}
    assert client.get(API).json["records"] == []
    assert advance(10)["ran"] == []
    assert create(client)["work_item_id"] == first
