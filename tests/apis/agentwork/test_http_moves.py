"""The customer's moves over HTTP: answers, decisions, cancel, and every move refused with 400."""

from __future__ import annotations

import pytest

from mock_server.apis.agentwork.http.context import agentwork
from tests.apis.agentwork.conftest import refusal


def waiting(aw, advance, scenario, seconds=3):
    task_id = aw.create(scenario)
    advance(seconds)
    return task_id


@pytest.mark.parametrize("field", ["message", "content"])
def test_a_reply_in_message_or_its_alias_content_resumes_the_agent(aw, advance, field):
    task_id = waiting(aw, advance, "question_first")

    response = aw.post(f"/tasks/{task_id}/message", {field: "Vue"})

    assert response.status_code == 201
    assert response.json == {"success": True, "status": "processing"}
    assert aw.events(task_id)[-1] == {**aw.events(task_id)[-1], "type": "reply", "content": "Vue"}
    advance(1)
    assert aw.events(task_id)[-1]["content"] == "Noted: Vue."


def test_structured_answers_take_precedence_over_the_message(aw, advance):
    task_id = waiting(aw, advance, "choose_option", seconds=2)
    question = aw.task(task_id)["question"]
    assert question["type"] == "TO_CUSTOMER"
    assert question["content"]["type"] == "single_select"

    response = aw.post(
        f"/tasks/{task_id}/message",
        {"message": "ignored", "answers": [{"question_index": 0, "selected": "High accuracy"}]},
    )

    assert response.status_code == 201
    advance(2)
    assert aw.task(task_id)["spec"]["content"] == (
        "Plan for Build a page at accuracy level: High accuracy."
    )


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        ({"question_index": 0, "selected": "Perfect"}, "'Perfect' is not an option"),
        ({"question_index": 0, "selected": ["Standard", "Quick draft"]}, "exactly one option"),
        ({"question_index": 3, "selected": "Standard"}, "question_index 3 is out of range"),
    ],
)
def test_an_answer_that_does_not_fit_the_question_is_400(aw, advance, answer, words):
    task_id = waiting(aw, advance, "choose_option", seconds=2)

    detail = refusal(aw.post(f"/tasks/{task_id}/message", {"answers": [answer]}), 400)

    assert words in detail
    assert aw.status(task_id) == "awaiting_reply"


@pytest.mark.parametrize("body", [{}, {"message": ""}, {"message": "  "}, {"answers": []}])
def test_an_empty_message_is_400(aw, advance, body):
    task_id = waiting(aw, advance, "question_first")

    assert refusal(aw.post(f"/tasks/{task_id}/message", body), 400) == "Message cannot be empty"


@pytest.mark.parametrize("verdict", ["CONFIRMED", "confirmed", "Confirmed"])
def test_a_spec_confirmed_in_any_case_lets_the_agent_execute(aw, advance, verdict):
    task_id = waiting(aw, advance, "straight_through")

    response = aw.post(f"/tasks/{task_id}/spec-status", {"status": verdict})

    assert response.status_code == 200
    assert response.json == {"success": True, "status": "processing"}
    assert aw.events(task_id)[-1]["type"] == "spec_decision"


def test_a_rejected_spec_goes_back_to_processing_and_the_agent_revises_it(aw, advance):
    task_id = waiting(aw, advance, "spec_revision")

    response = aw.post(
        f"/tasks/{task_id}/spec-status",
        {"status": "rejected", "rejection_reason": "Add a testing step"},
    )

    assert response.json == {"success": True, "status": "processing"}
    advance(2)
    revised = aw.task(task_id)
    assert revised["status"] == "awaiting_spec_approval"
    assert "revision 1, after your feedback (Add a testing step)" in revised["spec"]["content"]


def test_a_rejected_solution_is_reworked_and_a_confirmed_one_completes(aw, advance):
    task_id = waiting(aw, advance, "solution_rework")
    aw.post(f"/tasks/{task_id}/spec-status", {"status": "CONFIRMED"})
    advance(3)
    assert aw.status(task_id) == "awaiting_solution_approval"

    rejected = aw.post(
        f"/tasks/{task_id}/solution-status", {"status": "REJECTED", "rejection_reason": "Too slow"}
    )
    advance(3)
    reworked = aw.task(task_id)
    confirmed = aw.post(f"/tasks/{task_id}/solution-status", {"status": "CONFIRMED"})

    assert rejected.json == {"success": True, "status": "processing"}
    assert "revision 1) after your feedback: Too slow" in reworked["solution"]["content"]
    assert confirmed.json == {"success": True, "status": "completed"}
    result = aw.get(f"/tasks/{task_id}/result").json
    assert result["result_text"] == reworked["solution"]["content"]


@pytest.mark.parametrize("verdict", ["APPROVED", "yes", ""])
def test_a_decision_other_than_confirmed_or_rejected_is_422(aw, advance, verdict):
    task_id = waiting(aw, advance, "straight_through")

    response = aw.post(f"/tasks/{task_id}/spec-status", {"status": verdict})

    assert response.status_code == 422
    assert response.json["detail"][0]["loc"] == ["body", "status"]
    assert aw.status(task_id) == "awaiting_spec_approval"


def test_cancel_stops_a_task_and_a_second_cancel_is_400(aw, advance):
    task_id = aw.create()

    response = aw.post(f"/tasks/{task_id}/cancel")

    assert response.json == {"success": True, "status": "cancelled"}
    advance(60)
    assert aw.status(task_id) == "cancelled"
    assert refusal(aw.post(f"/tasks/{task_id}/cancel"), 400) == "Task is already cancelled"


def test_cancel_takes_the_official_clients_content_type_without_a_body(aw):
    task_id = aw.create()

    response = aw.post(f"/tasks/{task_id}/cancel", headers={"Content-Type": "application/json"})

    assert response.status_code == 200


# Every client move, from a status that does not allow it, and the detail it answers.
ILLEGAL = [
    ("processing", "message", {"message": "hi"},
     "Task is not awaiting a reply (status: processing)"),
    ("processing", "spec-status", {"status": "CONFIRMED"},
     "Task is not awaiting spec approval (status: processing)"),
    ("processing", "solution-status", {"status": "CONFIRMED"},
     "Task is not awaiting solution approval (status: processing)"),
    ("awaiting_reply", "spec-status", {"status": "REJECTED"},
     "Task is not awaiting spec approval (status: awaiting_reply)"),
    ("awaiting_reply", "solution-status", {"status": "CONFIRMED"},
     "Task is not awaiting solution approval (status: awaiting_reply)"),
    ("awaiting_spec_approval", "message", {"message": "hi"},
     "Task is not awaiting a reply (status: awaiting_spec_approval)"),
    ("awaiting_spec_approval", "solution-status", {"status": "CONFIRMED"},
     "Task is not awaiting solution approval (status: awaiting_spec_approval)"),
    ("awaiting_solution_approval", "message", {"message": "hi"},
     "Task is not awaiting a reply (status: awaiting_solution_approval)"),
    ("awaiting_solution_approval", "spec-status", {"status": "CONFIRMED"},
     "Task is not awaiting spec approval (status: awaiting_solution_approval)"),
    ("completed", "message", {"message": "hi"}, "Task is not awaiting a reply (status: completed)"),
    ("completed", "solution-status", {"status": "REJECTED"},
     "Task is not awaiting solution approval (status: completed)"),
    ("completed", "cancel", None, "Task is already completed"),
    ("cancelled", "message", {"message": "hi"}, "Task is not awaiting a reply (status: cancelled)"),
    ("cancelled", "spec-status", {"status": "CONFIRMED"},
     "Task is not awaiting spec approval (status: cancelled)"),
    ("cancelled", "cancel", None, "Task is already cancelled"),
]  # fmt: skip


def in_status(aw, advance, status):
    """A task of the dev organization in `status`, reached the way a client would."""
    if status == "awaiting_reply":
        return waiting(aw, advance, "question_first")
    task_id = waiting(aw, advance, "straight_through", seconds=0)
    if status == "cancelled":
        aw.post(f"/tasks/{task_id}/cancel")
    if status in ("awaiting_spec_approval", "awaiting_solution_approval", "completed"):
        advance(3)
    if status in ("awaiting_solution_approval", "completed"):
        aw.post(f"/tasks/{task_id}/spec-status", {"status": "CONFIRMED"})
        advance(4)
    if status == "completed":
        aw.post(f"/tasks/{task_id}/solution-status", {"status": "CONFIRMED"})
    assert aw.status(task_id) == status
    return task_id


@pytest.mark.parametrize(("status", "move", "body", "detail"), ILLEGAL)
def test_every_illegal_move_is_400_naming_the_status_and_changes_nothing(
    aw, advance, status, move, body, detail
):
    task_id = in_status(aw, advance, status)
    before = aw.task(task_id), aw.events(task_id)

    response = aw.post(f"/tasks/{task_id}/{move}", body)

    assert refusal(response, 400) == detail
    assert (aw.task(task_id), aw.events(task_id)) == before


def test_credits_run_out_with_429_and_come_back_the_next_utc_day(aw, advance):
    acme = aw.as_("aw_live_AcmeDevKey00000000000000000000")  # 20 credits a day, 10 a task
    acme.create()
    acme.create()

    exhausted = acme.post("/tasks/", {"title": "third", "description": "d"})

    detail = refusal(exhausted, 429)
    assert detail.startswith("Daily credit limit reached: 20 of 20 credits used today")
    assert "renew at 2025-01-16T00:00:00 UTC" in detail
    assert len(acme.get("/tasks/").json["tasks"]) == 2
    assert aw.create()  # another account's quota is its own
    advance(14 * 3600)  # past midnight UTC (the clock starts at 10:30)
    assert acme.create()


def test_a_crash_is_a_500_with_a_request_id_and_no_stack_trace(app, aw, monkeypatch):
    with app.app_context():
        tasks = agentwork().tasks

    def explode(*_args, **_kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(tasks, "list", explode)

    response = aw.get("/tasks/")

    assert response.status_code == 500
    body = response.json
    assert body["status_code"] == 500
    assert body["error"] == "internal_error"
    assert body["detail"] == "An internal error occurred while processing your request."
    assert body["request_id"]
    assert "secret" not in response.get_data(as_text=True)


def test_an_unknown_path_under_tasks_is_404_in_agentworks_envelope(aw):
    detail = refusal(aw.get("/tasks/some-id/nothing/here"), 404)

    assert detail == "No route matches GET /api/v1/tasks/some-id/nothing/here."


def test_a_method_a_path_does_not_have_is_405_in_agentworks_envelope(aw):
    response = aw.client.delete("/api/v1/tasks/", headers=aw.headers())

    assert "DELETE is not allowed" in refusal(response, 405)
    assert "POST" in response.headers["Allow"]


def test_the_work_item_api_beside_it_keeps_its_own_envelope(aw):
    response = aw.client.get("/api/v1/work-items/x/y/z")

    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"
