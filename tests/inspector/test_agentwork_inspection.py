"""The inspector's Agentwork provider, without a browser: its rows, pages, moves and refusals."""

import pytest

from mock_server.apis.agentwork.runtime import AgentworkRuntime
from mock_server.core.errors import BadRequest, IllegalMove
from mock_server.hosting.resources import ResourceQuery
from tests.apis.agentwork.conftest import DEV_KEY
from tests.inspector.forms import html, submit


@pytest.fixture
def agentwork(emulator) -> AgentworkRuntime:
    api = emulator.apis["agentwork"]
    assert isinstance(api, AgentworkRuntime)
    return api


def new_task(api: AgentworkRuntime, scenario: str = "question_first", title: str = "Landing"):
    who = api.tasks.authenticate(f"Bearer {DEV_KEY}")
    return api.tasks.create(who, title, "A page with a hero.", scenario).task_id


def allowed(api: AgentworkRuntime, task_id: str) -> dict[str, tuple[bool, str]]:
    return {a.name: (a.allowed, a.reason) for a in api.actions(task_id)}


def test_tasks_are_rows_with_their_own_name_status_and_tenant(agentwork):
    first = new_task(agentwork, title="Older page")
    second = new_task(agentwork, title="Newer page")
    org = agentwork.tasks.store.get(first).org_id

    rows = agentwork.browse(ResourceQuery()).views

    assert [(v.resource_id, v.kind, v.name, v.status) for v in rows] == [
        (second, "task", "Newer page", "processing"),
        (first, "task", "Older page", "processing"),
    ]
    assert [v.resource_id for v in agentwork.browse(ResourceQuery(text="older")).views] == [first]
    assert agentwork.browse(ResourceQuery(tenant=org)).views[0].tenant == org
    assert agentwork.browse(ResourceQuery(status="completed")).views == []


def test_a_question_is_answered_with_the_text_typed_and_refused_without_one(agentwork):
    task = new_task(agentwork)
    assert allowed(agentwork, task)["reply"] == (
        False,
        "Task is not awaiting a reply (status: processing)",
    )
    agentwork.services.scheduler.advance(3)  # a note, then the question

    [reply] = [a for a in agentwork.actions(task) if a.name == "reply"]
    with pytest.raises(BadRequest, match="Message cannot be empty"):
        agentwork.perform(task, "reply", None)
    answered = agentwork.perform(task, "reply", "Svelte")

    assert (reply.allowed, reply.text, reply.text_required) == (True, "Answer", True)
    assert answered.status == "processing"
    assert agentwork.tasks.store.get(task).last_reply == "Svelte"
    assert ("reply", "Svelte", "client") in [
        (n.kind, n.text, n.actor) for n in agentwork.notes(task)
    ]
    assert agentwork.history(task)[-1].action == "reply"


def test_spec_and_solution_are_decided_and_each_refused_out_of_its_status(agentwork):
    task = new_task(agentwork, scenario="straight_through")
    with pytest.raises(IllegalMove, match=r"not awaiting spec approval \(status: processing\)"):
        agentwork.perform(task, "confirm_spec", None)
    agentwork.services.scheduler.advance(3)  # the spec is proposed

    assert agentwork.perform(task, "reject_spec", "Too vague").status == "processing"
    assert agentwork.tasks.store.get(task).rejection_reason == "Too vague"
    agentwork.services.scheduler.advance(2)  # the revised spec
    assert agentwork.perform(task, "confirm_spec", "ignored").status == "processing"
    agentwork.services.scheduler.advance(4)  # the solution
    assert allowed(agentwork, task)["confirm_solution"] == (True, "to completed")
    assert agentwork.perform(task, "confirm_solution", None).status == "completed"
    assert allowed(agentwork, task)["cancel"] == (False, "Task is already completed")
    with pytest.raises(IllegalMove, match="Task is already completed"):
        agentwork.perform(task, "cancel", None)


def test_cancel_the_planned_step_and_an_unknown_move(agentwork):
    task = new_task(agentwork)
    planned = [n for n in agentwork.notes(task) if n.upcoming]
    before = agentwork.revision()

    assert agentwork.perform(task, "cancel", None).status == "cancelled"
    with pytest.raises(BadRequest, match="Unknown task action 'finish'"):
        agentwork.perform(task, "finish", None)

    assert [n.text for n in planned] == ["agent step 1 of 5: note"]
    assert not any(n.upcoming for n in agentwork.notes(task))
    assert agentwork.revision() > before
    assert agentwork.history(task)[-1].actor == "client"


def test_the_page_answers_a_question_from_its_form(agentwork, anonymous):
    task = new_task(agentwork)
    agentwork.services.scheduler.advance(3)
    back = f"/_mock/work-items/{task}"
    action = f"/_mock/inspector/work-items/{task}/actions/reply"

    page = html(anonymous, back)
    submit(anonymous, action, back)  # no text: the API's own refusal, never a 500
    refused = html(anonymous, back)
    submit(anonymous, action, back, text="Vue")
    answered = html(anonymous, back)

    assert '<label for="text-reply">Answer' in page
    assert "Which framework should I use?" in page
    assert "Message cannot be empty" in refused
    assert "Answer the question: Landing is now processing." in answered
    assert agentwork.tasks.store.get(task).last_reply == "Vue"


def test_without_the_spec_phase_the_page_offers_no_spec_buttons(clock):
    from mock_server.core.clock import ClockMode
    from mock_server.emulator import Emulator
    from mock_server.settings import Settings

    settings = Settings(
        seed=3, clock_mode=ClockMode.MANUAL, profiles=(("agentwork", "api-reference"),)
    )
    emulator = Emulator(settings, clock=clock)
    try:
        api = emulator.apis["agentwork"]
        assert isinstance(api, AgentworkRuntime)
        task = new_task(api, scenario="straight_through")

        assert [a.name for a in api.actions(task)] == [
            "reply",
            "confirm_solution",
            "reject_solution",
            "cancel",
        ]
        with pytest.raises(IllegalMove, match="The spec phase is off in this deployment"):
            api.perform(task, "confirm_spec", None)
    finally:
        emulator.stop()
