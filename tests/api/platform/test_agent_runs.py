"""The simulated agent in the platform's words: claimed by SYSTEM, judged by the AGENT."""

from __future__ import annotations

import pytest

from tests.support.platform import API, CLAIMS, INVOICES, JUDGE, REVIEWS, create


def read(client, item_id: str) -> dict:
    return client.get(f"{API}/{item_id}?results=true").json


@pytest.mark.parametrize(
    ("agent", "outcome", "completed_by"),
    [
        (INVOICES, "COMPLETED", "AGENT"),
        (REVIEWS, "NEEDS_REVIEW", None),
        (CLAIMS, "ERROR", None),
        (JUDGE, "INDETERMINATE", None),
    ],
)
def test_a_run_is_claimed_by_system_and_ends_by_agent(
    client, advance, agent, outcome, completed_by
):
    item_id = create(client, agent)["work_item_id"]

    advance(1)
    running = read(client, item_id)
    advance(2)
    ended = read(client, item_id)

    assert (running["status"], running["status_updated_by"]) == ("EXECUTING", "SYSTEM")
    assert running["thread_id"] is not None
    assert (ended["status"], ended["status_updated_by"]) == (outcome, "AGENT")
    assert ended["completed_by"] == completed_by
    assert ended["messages"][-1]["role"] == "agent"


@pytest.mark.parametrize("agent", [REVIEWS, JUDGE])
def test_continue_after_review_or_an_unreadable_verdict_completes(client, advance, agent):
    item_id = create(client, agent)["work_item_id"]
    advance(3)

    continued = client.post(f"{API}/{item_id}/continue").json
    advance(3)

    assert continued["status_updated_by"] == "HUMAN"
    assert read(client, item_id)["status"] == "COMPLETED"


def test_the_scenarios_of_the_platform_profile_use_its_statuses(client):
    scenarios = client.get("/_mock/apis/sema4/scenarios").json["scenarios"]
    statuses = {s["status"] for sc in scenarios for run in sc["runs"] for s in run["steps"]}

    assert "indeterminate" in {s["name"] for s in scenarios}
    assert statuses == {"EXECUTING", "COMPLETED", "NEEDS_REVIEW", "ERROR", "INDETERMINATE"}


def test_a_scenario_in_the_documented_vocabulary_is_refused(client):
    steps = [{"after": 1, "status": "EXECUTING"}, {"after": 1, "status": "PAUSED"}]

    response = client.put("/_mock/apis/sema4/scenarios/pauses", json={"runs": [{"steps": steps}]})

    assert response.status_code == 400
    assert "PAUSED" in response.json["error"]["message"]
