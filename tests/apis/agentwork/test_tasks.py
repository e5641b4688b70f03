"""The task service without Flask: create, read, answer, decide, cancel, and refusals."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from mock_server.apis.agentwork.domain.lifecycle import API_REFERENCE
from mock_server.apis.agentwork.domain.moves import AgentMove, current_question
from mock_server.core.errors import BadRequest, IllegalMove, NotFound, ValidationFailed
from tests.apis.agentwork.kit import START, build


@pytest.fixture
def kit():
    return build()


def ask(kit, task_id, content="Which framework?"):
    with kit.tasks.lock:
        return kit.tasks.agent_move(task_id, AgentMove("agent_ask", content, cursor=1))


def propose(kit, task_id, action="agent_propose_solution", files=()):
    with kit.tasks.lock:
        return kit.tasks.agent_move(task_id, AgentMove(action, "Done.", cursor=1, files=files))


def test_a_new_task_is_processing_with_a_uuid_and_its_creation_logged(kit):
    task = kit.create()

    assert uuid.UUID(task.task_id).version == 4
    assert task.status == "processing"
    assert task.created_at == task.last_activity_at == START
    assert [(e.type, e.content) for e in task.events] == [("status", "Task created")]


def test_a_long_title_is_truncated_to_70_characters():
    kit = build()
    long_title = "Build a responsive landing page with a hero, a feature grid and testimonials"

    task = kit.create(title=long_title)

    assert len(long_title) > 70
    assert task.title == long_title[:67] + "..."
    assert len(task.title) == 70
    assert kit.create(title="x" * 70).title == "x" * 70


def test_a_task_takes_the_account_scenario_unless_one_is_asked_for(kit):
    assert kit.create(scenario=None).scenario == "straight_through"
    assert kit.tasks.create(kit.teammate, "t", "d", None).scenario == "question_first"
    assert kit.create(scenario="stall").scenario == "stall"


def test_an_organization_sees_its_tasks_and_no_one_else_does(kit):
    task = kit.create()

    assert kit.tasks.get(kit.teammate, task.task_id) == task  # same organization
    with pytest.raises(NotFound, match="Task not found"):
        kit.tasks.get(kit.acme, task.task_id)
    with pytest.raises(NotFound):
        kit.tasks.get(kit.dev, str(uuid.uuid4()))


def test_the_list_is_the_organizations_tasks_newest_first(kit):
    first, second = kit.create(title="first"), kit.create(title="second")
    kit.tasks.create(kit.acme, "theirs", "d", None)

    assert [t.title for t in kit.tasks.list(kit.dev)] == [second.title, first.title]
    assert [t.title for t in kit.tasks.list(kit.acme)] == ["theirs"]


def test_there_is_no_result_before_completion(kit):
    task = kit.create()

    with pytest.raises(IllegalMove, match=r"Task is not completed yet \(status: processing\)"):
        kit.tasks.result(kit.dev, task.task_id)


def test_a_reply_is_taken_only_while_the_agent_waits_for_one(kit):
    task = kit.create()

    with pytest.raises(IllegalMove, match="Task is not awaiting a reply"):
        kit.tasks.message(kit.dev, task.task_id, "React", None)

    waiting = ask(kit, task.task_id)
    assert waiting.status == "awaiting_reply"
    question = current_question(waiting)
    assert question is not None
    assert question.content == "Which framework?"

    answered = kit.tasks.message(kit.dev, task.task_id, "React", None)
    assert answered.status == "processing"
    assert current_question(answered) is None  # shown only while awaiting a reply
    assert [e.type for e in answered.events][-2:] == ["question", "reply"]
    assert answered.last_reply == "React"


@pytest.mark.parametrize(("text", "answers"), [(None, None), ("", None), ("   ", []), (None, [])])
def test_an_empty_message_is_refused_and_changes_nothing(kit, text, answers):
    task = ask(kit, kit.create().task_id)

    with pytest.raises(BadRequest, match="Message cannot be empty"):
        kit.tasks.message(kit.dev, task.task_id, text, answers)

    assert kit.task(task.task_id) == task


def test_structured_answers_take_precedence_and_must_fit_the_question(kit):
    question = {"type": "single_select", "options": ["React", "Vue"]}
    task = ask(kit, kit.create().task_id, question)

    with pytest.raises(BadRequest, match="'Svelte' is not an option"):
        kit.tasks.message(
            kit.dev, task.task_id, None, [{"question_index": 0, "selected": "Svelte"}]
        )
    with pytest.raises(BadRequest, match="question_index 1 is out of range"):
        kit.tasks.message(kit.dev, task.task_id, None, [{"question_index": 1, "selected": "Vue"}])
    with pytest.raises(BadRequest, match="exactly one option"):
        kit.tasks.message(
            kit.dev, task.task_id, None, [{"question_index": 0, "selected": ["React", "Vue"]}]
        )
    assert kit.task(task.task_id) == task

    answered = kit.tasks.message(
        kit.dev, task.task_id, "ignored", [{"question_index": 0, "selected": "Vue"}]
    )
    assert answered.last_reply == "Vue"
    assert answered.events[-1].content == "Vue"


def test_a_multi_part_question_is_answered_part_by_part(kit):
    question = {
        "type": "questions",
        "questions": [
            {"type": "single_select", "question": "Framework?", "options": ["React", "Vue"]},
            {"type": "multi_select", "question": "Extras?", "options": ["Tests", "Docs", "CI"]},
        ],
    }
    task = ask(kit, kit.create().task_id, question)

    answers = [
        {"question_index": 1, "selected": ["Tests", "CI"]},
        {"question_index": 0, "selected": "React"},
    ]
    assert kit.tasks.message(kit.dev, task.task_id, None, answers).last_reply == "Tests, CI; React"


@pytest.mark.parametrize("verdict", ["CONFIRMED", "confirmed", " Confirmed "])
def test_decisions_are_case_insensitive(kit, verdict):
    task = propose(kit, kit.create().task_id, "agent_propose_spec")

    assert kit.tasks.decide_spec(kit.dev, task.task_id, verdict, None).status == "processing"


@pytest.mark.parametrize("verdict", ["APPROVED", "", "CONFIRM"])
def test_a_decision_other_than_confirmed_or_rejected_is_a_validation_error(kit, verdict):
    task = propose(kit, kit.create().task_id)

    with pytest.raises(ValidationFailed, match="status must be CONFIRMED or REJECTED") as error:
        kit.tasks.decide_solution(kit.dev, task.task_id, verdict, None)

    assert error.value.field == "body.status"
    assert kit.task(task.task_id) == task


def test_a_confirmed_solution_completes_the_task_with_its_result(kit):
    task = propose(kit, kit.create().task_id, files=(("a.txt", "A", "text/plain"),))

    done = kit.tasks.decide_solution(kit.dev, task.task_id, "CONFIRMED", None)

    assert done.status == "completed"
    result = kit.tasks.result(kit.dev, task.task_id)
    assert result.result_text == "Done."
    assert [f.name for f in result.files] == ["a.txt"]
    assert [(e.type, e.content) for e in done.events][-1] == ("solution_decision", "CONFIRMED")


def test_a_rejected_solution_goes_back_to_processing_with_the_reason(kit):
    task = propose(kit, kit.create().task_id)

    rework = kit.tasks.decide_solution(kit.dev, task.task_id, "rejected", "Use Tailwind")

    assert rework.status == "processing"
    assert rework.rejection_reason == "Use Tailwind"
    assert rework.events[-1].content == "REJECTED: Use Tailwind"


@pytest.mark.parametrize(
    ("decide", "message"),
    [("decide_spec", "Task is not awaiting spec approval"), ("decide_solution", "solution")],
)
def test_decisions_are_refused_outside_their_waiting_status(kit, decide, message):
    task = kit.create()

    with pytest.raises(IllegalMove, match=message):
        getattr(kit.tasks, decide)(kit.dev, task.task_id, "CONFIRMED", None)


@pytest.mark.parametrize(
    "wait", [None, "agent_ask", "agent_propose_spec", "agent_propose_solution"]
)
def test_cancel_works_from_every_open_status(kit, wait):
    task = kit.create()
    if wait == "agent_ask":
        ask(kit, task.task_id)
    elif wait:
        propose(kit, task.task_id, wait)

    assert kit.tasks.cancel(kit.dev, task.task_id).status == "cancelled"


def test_a_finished_task_cannot_be_cancelled(kit):
    task = propose(kit, kit.create().task_id)
    kit.tasks.decide_solution(kit.dev, task.task_id, "CONFIRMED", None)
    cancelled = kit.create()
    kit.tasks.cancel(kit.dev, cancelled.task_id)

    with pytest.raises(IllegalMove, match=r"^Task is already completed$"):
        kit.tasks.cancel(kit.dev, task.task_id)
    with pytest.raises(IllegalMove, match=r"^Task is already cancelled$"):
        kit.tasks.cancel(kit.dev, cancelled.task_id)


def test_the_agent_cannot_move_a_task_a_person_moved_on(kit):
    task = kit.create()
    kit.tasks.cancel(kit.dev, task.task_id)

    assert ask(kit, task.task_id) is None
    assert kit.task(task.task_id).status == "cancelled"


def test_without_the_spec_phase_spec_decisions_are_refused():
    kit = build(API_REFERENCE)
    task = kit.create()

    assert "awaiting_spec_approval" not in API_REFERENCE.statuses
    with pytest.raises(IllegalMove, match="spec phase is off"):
        kit.tasks.decide_spec(kit.dev, task.task_id, "CONFIRMED", None)
    assert propose(kit, task.task_id, "agent_propose_spec") is None


def test_every_move_is_in_the_timeline_and_the_activity_time(kit):
    task = kit.create()
    kit.clock.advance_to(START + timedelta(seconds=30))
    ask(kit, task.task_id)
    kit.clock.advance_to(START + timedelta(seconds=45))
    answered = kit.tasks.message(kit.dev, task.task_id, "React", None)

    assert answered.last_activity_at == START + timedelta(seconds=45)
    assert [(m.previous, m.status, m.actor) for m in answered.moves] == [
        (None, "processing", "client"),
        ("processing", "awaiting_reply", "agent"),
        ("awaiting_reply", "processing", "client"),
    ]
