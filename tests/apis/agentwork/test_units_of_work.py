"""A move whose follow-up fails leaves nothing behind: the task, the plan and the credits."""

import pytest

from mock_server.apis.agentwork.domain.service import Change
from tests.apis.agentwork.kit import build


def test_a_failing_listener_undoes_the_move_and_the_plan_it_replaced():
    kit = build()
    task = kit.create(scenario="question_first")
    planned = kit.agent.planned[task.task_id]

    def fail_on_cancel(change: Change) -> None:
        if change.action == "cancel":
            raise RuntimeError("a listener broke")

    kit.tasks.subscribe(fail_on_cancel)
    with pytest.raises(RuntimeError):
        kit.tasks.cancel(kit.dev, task.task_id)

    assert kit.task(task.task_id).status == "processing"
    assert kit.agent.planned[task.task_id] is planned
    kit.advance(1)
    assert kit.event_types(task.task_id)[-1] == "status"  # the agent's note still came


def test_a_failed_create_charges_no_credit():
    kit = build()
    used = kit.tasks.credits.used_today(kit.dev.user_id, kit.clock.now())

    def fail(change: Change) -> None:
        raise RuntimeError("a listener broke")

    kit.tasks.subscribe(fail)
    with pytest.raises(RuntimeError):
        kit.create()

    assert kit.tasks.credits.used_today(kit.dev.user_id, kit.clock.now()) == used
    assert len(kit.tasks.store) == 0
