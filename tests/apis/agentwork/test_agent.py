"""The simulated agent plays each scenario on a manual clock; a person's move always wins."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mock_server.apis.agentwork.domain.lifecycle import API_REFERENCE
from mock_server.apis.agentwork.domain.moves import current_question, current_solution, current_spec
from mock_server.apis.agentwork.engine.agent import PlannedStep
from mock_server.core.errors import BadRequest
from tests.apis.agentwork.kit import START, build


@pytest.fixture
def kit():
    return build()


def at(seconds: float):
    return START + timedelta(seconds=seconds)


def test_straight_through_plans_then_delivers_for_approval(kit):
    task_id = kit.create("straight_through").task_id

    kit.advance(1)
    assert kit.task(task_id).events[-1].content == "Analyzing requirements..."
    kit.advance(2)
    waiting = kit.task(task_id)
    assert waiting.status == "awaiting_spec_approval"
    spec = current_spec(waiting)
    assert spec is not None
    assert spec.content.startswith("Plan for Build a page:")
    assert waiting.last_activity_at == at(3)  # each move at its own instant

    kit.advance(600)  # the agent waits for the customer, however long
    assert kit.task(task_id).status == "awaiting_spec_approval"

    kit.tasks.decide_spec(kit.dev, task_id, "CONFIRMED", None)
    kit.advance(4)
    delivered = kit.task(task_id)
    assert delivered.status == "awaiting_solution_approval"
    solution = current_solution(delivered)
    assert solution is not None
    assert solution.content == "Here is the completed solution for Build a page."
    assert [f.name for f in delivered.files] == ["README.md", "src/App.tsx"]
    assert delivered.files[0].content.startswith("# Build a page\n\nA landing page")

    done = kit.tasks.decide_solution(kit.dev, task_id, "CONFIRMED", None)
    assert done.result_text == solution.content
    assert kit.event_types(task_id) == [
        "status",  # created
        "status",
        "spec_proposed",
        "spec_decision",
        "status",
        "solution_proposed",
        "solution_decision",
    ]
    timestamps = [event.at for event in done.events]
    assert timestamps == sorted(timestamps)


def test_question_first_uses_the_answer_afterwards(kit):
    task_id = kit.create("question_first").task_id

    kit.advance(3)
    waiting = kit.task(task_id)
    question = current_question(waiting)
    assert waiting.status == "awaiting_reply"
    assert question is not None
    assert (question.content, question.type) == (
        "Which framework should I use?",
        "CLARIFYING_QUESTIONS",
    )

    kit.tasks.message(kit.dev, task_id, "React", None)
    kit.advance(3)
    assert kit.task(task_id).events[-2].content == "Noted: React."
    spec = current_spec(kit.task(task_id))
    assert spec is not None
    assert spec.content == "Plan for Build a page, built with React."


def test_a_structured_question_is_answered_with_a_selection(kit):
    task_id = kit.create("choose_option").task_id

    kit.advance(2)
    waiting = kit.task(task_id)
    question = current_question(waiting)
    assert question is not None
    assert question.type == "TO_CUSTOMER"
    assert question.content == {
        "type": "single_select",
        "question": "Which accuracy level do you need?",
        "options": ["Quick draft", "Standard", "High accuracy"],
    }
    assert waiting.events[-1].type == "message_to_customer"

    kit.tasks.message(kit.dev, task_id, None, [{"question_index": 0, "selected": "Standard"}])
    kit.advance(2)
    spec = current_spec(kit.task(task_id))
    assert spec is not None
    assert spec.content == "Plan for Build a page at accuracy level: Standard."


def test_a_rejected_spec_is_revised_with_the_reason_each_time(kit):
    task_id = kit.create("spec_revision").task_id
    kit.advance(3)

    kit.tasks.decide_spec(kit.dev, task_id, "REJECTED", "Add tests")
    assert kit.task(task_id).status == "processing"
    kit.advance(2)  # revise_after
    first = current_spec(kit.task(task_id))
    kit.tasks.decide_spec(kit.dev, task_id, "rejected", "More detail")
    kit.advance(2)
    second = current_spec(kit.task(task_id))

    assert first is not None
    assert second is not None
    assert "revision 1, after your feedback (Add tests)" in first.content
    assert "revision 2, after your feedback (More detail)" in second.content
    assert first.message_id != second.message_id

    kit.tasks.decide_spec(kit.dev, task_id, "CONFIRMED", None)
    kit.advance(3)
    assert kit.task(task_id).status == "awaiting_solution_approval"


def test_a_rejected_solution_is_reworked_with_new_files(kit):
    task_id = kit.create("solution_rework").task_id
    kit.advance(3)
    kit.tasks.decide_spec(kit.dev, task_id, "CONFIRMED", None)
    kit.advance(3)
    first = kit.task(task_id)
    assert first.status == "awaiting_solution_approval"
    old_file = first.files[0]

    kit.tasks.decide_solution(kit.dev, task_id, "REJECTED", "Wrong colours")
    kit.advance(3)
    reworked = kit.task(task_id)
    solution = current_solution(reworked)

    assert solution is not None
    assert (
        solution.content == "Reworked Build a page (revision 1) after your feedback: Wrong colours"
    )
    assert reworked.files[0].content == "Build a page, revision 1\n"
    assert reworked.files[0].file_id != old_file.file_id
    assert reworked.result_text == solution.content


def test_a_rejection_without_a_reason_still_gets_a_revision(kit):
    task_id = kit.create("straight_through").task_id
    kit.advance(3)

    kit.tasks.decide_spec(kit.dev, task_id, "REJECTED", None)
    kit.advance(2)

    spec = current_spec(kit.task(task_id))
    assert spec is not None
    assert spec.content.endswith("(revision 1), taking in: no reason given")


def test_a_final_message_completes_the_task_without_approval(kit):
    task_id = kit.create("direct_answer").task_id

    kit.advance(3)

    done = kit.tasks.result(kit.dev, task_id)
    assert done.status == "completed"
    assert done.result_text == "Answer to Build a page: it is done."
    assert [f.name for f in done.files] == ["answer.md"]
    assert done.events[-1].type == "message_to_customer"


def test_a_stalled_task_stays_processing_and_its_activity_time_stops(kit):
    task_id = kit.create("stall").task_id

    kit.advance(3)
    stalled = kit.task(task_id)
    kit.advance(15 * 60)

    assert kit.task(task_id) == stalled
    assert stalled.status == "processing"
    assert stalled.last_activity_at == at(3)
    assert kit.agent.planned_steps() == []
    assert kit.scheduler.pending() == []


def test_a_cancel_wins_over_the_agents_next_step(kit):
    task_id = kit.create("straight_through").task_id
    kit.advance(1)
    assert kit.agent.planned_steps()  # the spec is due in 2 s

    kit.tasks.cancel(kit.dev, task_id)
    kit.advance(60)

    task = kit.task(task_id)
    assert task.status == "cancelled"
    assert task.events[-1].content == "Task cancelled"


def test_a_step_whose_plan_was_replaced_does_nothing(kit):
    task_id = kit.create("stall").task_id
    kit.advance(1)
    old = kit.agent.planned_steps()[0]
    with kit.tasks.lock:
        kit.agent.plan(PlannedStep(task_id, old.index, old.due + timedelta(seconds=10)))

    kit.advance(2)  # the old plan's due time: superseded
    assert kit.task(task_id).events[-1].content == "Analyzing requirements..."
    kit.advance(10)
    assert kit.task(task_id).events[-1].content == "Searching the web..."


def test_without_a_spec_phase_the_agent_goes_straight_to_the_work():
    kit = build(API_REFERENCE)
    task_id = kit.create("straight_through").task_id

    kit.advance(5)

    task = kit.task(task_id)
    assert task.status == "awaiting_solution_approval"
    assert "spec_proposed" not in kit.event_types(task_id)


def test_an_unknown_scenario_is_refused_listing_the_known_ones(kit):
    with pytest.raises(BadRequest, match="Unknown scenario 'nope'; known scenarios: choose_option"):
        kit.agent.known("nope")


def test_planned_steps_restored_on_a_new_timetable_carry_on_at_their_due_time(kit):
    task_id = kit.create("straight_through").task_id
    kit.advance(1)
    planned = kit.agent.planned_steps()

    kit.scheduler.clear()
    kit.agent.restore(planned, kit.agent.scenarios)
    kit.advance(2)

    task = kit.task(task_id)
    assert task.status == "awaiting_spec_approval"
    assert task.last_activity_at == at(3)
