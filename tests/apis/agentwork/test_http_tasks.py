"""Create, read, list and results of tasks over HTTP, every answer checked against the contract."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.apis.agentwork.conftest import ACME_KEY, TEAMMATE_KEY, refusal

TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")


def test_create_answers_201_processing_with_and_without_the_trailing_slash(aw):
    for path in ("/tasks/", "/tasks"):
        response = aw.post(path, {"title": "Build a page", "description": "A landing page."})

        assert response.status_code == 201
        assert set(response.json) == {"task_id", "status"}
        assert response.json["status"] == "processing"


def test_a_long_title_is_truncated_to_about_70_characters(aw):
    title = "Build a responsive landing page with a hero, a feature grid and testimonials"

    task_id = aw.create(title=title)

    assert aw.task(task_id)["title"] == title[:67] + "..."
    assert aw.get("/tasks/").json["tasks"][0]["title"] == title[:67] + "..."


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"description": "d"}, ["body", "title"]),
        ({"title": "t"}, ["body", "description"]),
        ({"title": "", "description": "d"}, ["body", "title"]),
    ],
)
def test_create_without_title_or_description_is_422(aw, body, loc):
    response = aw.post("/tasks/", body)

    assert response.status_code == 422
    assert response.json["detail"][0]["loc"] == loc


def test_prefer_picks_the_scenario_and_says_so(aw, advance):
    response = aw.post(
        "/tasks/", {"title": "t", "description": "d"}, headers={"Prefer": "scenario=direct_answer"}
    )

    assert response.headers["Preference-Applied"] == "scenario=direct_answer"
    advance(3)
    assert aw.status(response.json["task_id"]) == "completed"


def test_an_unknown_scenario_is_400_listing_the_known_ones(aw):
    response = aw.post(
        "/tasks/", {"title": "t", "description": "d"}, headers={"Prefer": "scenario=nope"}
    )

    detail = refusal(response, 400)
    assert "Unknown scenario 'nope'" in detail
    assert "straight_through" in detail
    assert aw.get("/tasks/").json["tasks"] == []


def test_a_new_task_waits_on_nothing(aw):
    task = aw.task(aw.create())

    assert task["status"] == "processing"
    assert TIMESTAMP.match(task["last_activity_at"])
    assert task["question"] is None
    assert task["spec"] is None
    assert task["solution"] is None


def test_question_spec_and_solution_show_only_in_their_waiting_status(aw, advance):
    task_id = aw.create("question_first")
    advance(3)
    asked = aw.task(task_id)
    assert asked["status"] == "awaiting_reply"
    assert asked["question"]["content"] == "Which framework should I use?"
    assert asked["question"]["type"] == "CLARIFYING_QUESTIONS"
    assert asked["spec"] is None
    assert asked["solution"] is None

    assert aw.post(f"/tasks/{task_id}/message", {"message": "React"}).status_code == 201
    assert aw.task(task_id)["question"] is None
    advance(3)
    planned = aw.task(task_id)
    assert planned["status"] == "awaiting_spec_approval"
    assert planned["spec"]["content"] == "Plan for Build a page, built with React."
    assert planned["question"] is None

    aw.post(f"/tasks/{task_id}/spec-status", {"status": "CONFIRMED"})
    advance(3)
    done = aw.task(task_id)
    assert done["status"] == "awaiting_solution_approval"
    assert done["solution"]["content"] == "Done: Build a page, built with React."
    assert done["spec"] is None


def test_last_activity_moves_with_every_move_and_stops_when_the_agent_stalls(aw, advance):
    task_id = aw.create("stall")
    created = aw.task(task_id)["last_activity_at"]
    advance(3)
    last = aw.task(task_id)["last_activity_at"]

    advance(600)

    assert last > created
    assert aw.task(task_id)["last_activity_at"] == last
    assert aw.status(task_id) == "processing"


def test_the_list_holds_the_organizations_tasks_newest_first(aw, advance):
    first = aw.create()
    advance(1)
    second = aw.as_(TEAMMATE_KEY).create()  # a teammate: same organization
    aw.as_(ACME_KEY).create()

    listed = aw.get("/tasks").json["tasks"]

    assert [t["task_id"] for t in listed] == [second, first]
    assert set(listed[0]) == {"task_id", "title", "status", "created_at"}
    assert TIMESTAMP.match(listed[0]["created_at"])
    assert len(aw.as_(ACME_KEY).get("/tasks/").json["tasks"]) == 1


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", ""),
        ("GET", "/result"),
        ("GET", "/events"),
        ("POST", "/message"),
        ("POST", "/spec-status"),
        ("POST", "/solution-status"),
        ("POST", "/cancel"),
    ],
)
def test_another_organizations_task_is_as_unknown_as_a_missing_one(aw, method, path):
    theirs = aw.as_(ACME_KEY).create()
    body = {"message": "hi", "status": "CONFIRMED"}

    for task_id in (theirs, "00000000-0000-4000-8000-000000000000"):
        response = aw.client.open(
            f"/api/v1/tasks/{task_id}{path}", method=method, headers=aw.headers(), json=body
        )
        assert refusal(response, 404) == "Task not found"
    assert aw.as_(ACME_KEY).status(theirs) == "processing"  # nothing happened to it


def test_the_result_before_completion_is_400(aw):
    task_id = aw.create()

    detail = refusal(aw.get(f"/tasks/{task_id}/result"), 400)

    assert detail == "Task is not completed yet (status: processing)"


def complete(aw, advance, scenario="straight_through"):
    task_id = aw.create(scenario)
    advance(3)
    aw.post(f"/tasks/{task_id}/spec-status", {"status": "confirmed"})
    advance(4)
    aw.post(f"/tasks/{task_id}/solution-status", {"status": "Confirmed"})
    assert aw.status(task_id) == "completed"
    return task_id


def test_a_completed_task_gives_its_text_and_files_the_emulator_serves(aw, advance):
    task_id = complete(aw, advance)

    result = aw.get(f"/tasks/{task_id}/result").json

    assert result["status"] == "completed"
    assert result["result_text"] == "Here is the completed solution for Build a page."
    assert [f["name"] for f in result["files"]] == ["README.md", "src/App.tsx"]
    url = urlsplit(result["files"][1]["download_url"])
    assert url.path.startswith("/api/v1/files/")
    download = aw.client.get(f"{url.path}?{url.query}")  # no key: the URL is pre-signed
    assert download.status_code == 200
    assert download.data == b"export default function App() {\n  return <h1>Build a page</h1>;\n}\n"
    assert download.headers["Content-Disposition"] == 'attachment; filename="App.tsx"'


def test_a_direct_answer_result_has_the_final_message(aw, advance):
    task_id = aw.create("direct_answer")
    advance(3)

    result = aw.get(f"/tasks/{task_id}/result").json

    assert result["result_text"] == "Answer to Build a page: it is done."
    assert [f["name"] for f in result["files"]] == ["answer.md"]


def test_a_download_url_that_was_tampered_with_or_expired_is_403(aw, advance):
    task_id = complete(aw, advance)
    url = urlsplit(aw.get(f"/tasks/{task_id}/result").json["files"][0]["download_url"])
    tampered = url.query.replace("signature=", "signature=0")

    assert refusal(aw.client.get(f"{url.path}?{tampered}"), 403).startswith("The request signature")
    advance(3601)
    assert refusal(aw.client.get(f"{url.path}?{url.query}"), 403) == "Request has expired"


def test_a_download_url_without_its_signature_is_422(aw):
    response = aw.client.get("/api/v1/files/some-file?expires=1")

    assert response.status_code == 422
    assert response.json["detail"][0]["loc"] == ["query", "signature"]


def test_the_events_are_the_activity_log_in_order(aw, advance):
    task_id = complete(aw, advance)

    events = aw.events(task_id)

    assert [e["type"] for e in events] == [
        "status",
        "status",
        "spec_proposed",
        "spec_decision",
        "status",
        "solution_proposed",
        "solution_decision",
    ]
    assert events[0]["content"] == "Task created"
    assert events[1]["content"] == "Analyzing requirements..."
    stamps = [e["timestamp"] for e in events]
    assert stamps == sorted(stamps)
    assert all(TIMESTAMP.match(stamp) for stamp in stamps)
