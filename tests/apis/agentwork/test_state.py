"""Agentwork's part of a snapshot: an exact round trip, and a broken part refused whole."""

from __future__ import annotations

import copy
import json

import pytest

from mock_server.apis.agentwork.state import export_state, prepare_state
from mock_server.core.clock import ClockMode
from mock_server.hosting.state import StateError
from tests.apis.agentwork.kit import Kit, build


def snapshot(kit: Kit) -> dict:
    with kit.tasks.lock:
        return json.loads(json.dumps(export_state(kit.tasks, kit.agent)))


def busy_kit() -> Kit:
    kit = build()
    issued = kit.tasks.register("new@example.com", None, None)
    kit.tasks.create(kit.tasks.authenticate(f"Bearer {issued.api_key}"), "Theirs", "d", None)
    question_first = kit.create("question_first").task_id
    kit.create("straight_through")
    kit.create("solution_rework")
    kit.advance(3)
    kit.tasks.message(kit.dev, question_first, "Vue", None)
    kit.advance(0.5)
    return kit


def restored_from(kit: Kit) -> Kit:
    other = build()
    other.ids.fast_forward(kit.ids.draws())
    other.clock.restore(kit.clock.now(), ClockMode.MANUAL, 1.0)
    prepare_state(snapshot(kit), other.tasks, other.agent)()
    return other


def test_a_restored_emulator_holds_exactly_what_was_saved():
    kit = busy_kit()

    assert snapshot(restored_from(kit)) == snapshot(kit)


def test_a_restored_emulator_carries_on_where_the_saved_one_stood():
    kit = busy_kit()
    other = restored_from(kit)

    for each in (kit, other):
        each.advance(4)
        task_id = each.tasks.list(each.dev)[0].task_id  # solution_rework, newest
        each.tasks.decide_spec(each.dev, task_id, "CONFIRMED", None)
        each.advance(10)

    assert snapshot(other) == snapshot(kit)
    assert {t.status for t in other.tasks.list(other.dev)} == {
        "awaiting_spec_approval",
        "awaiting_solution_approval",
    }


def test_keys_and_credits_survive_a_restore():
    kit = busy_kit()
    other = restored_from(kit)

    assert other.tasks.authenticate("Bearer aw_live_LocalDevKey0000000000000000000").user_id
    assert other.tasks.credits.used_today(other.dev.user_id, other.clock.now()) == 30


def _broken(path: str, value: object) -> dict:
    document = copy.deepcopy(snapshot(busy_kit()))
    node = document
    *parents, last = path.split(".")
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return document


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("tasks.0.status", "thinking", r"^tasks.0 \(.*\): unknown status 'thinking'"),
        (
            "tasks.0.created_at",
            "yesterday",
            r"^tasks.0 \(.*\): 'yesterday' is not an ISO-8601 instant",
        ),
        ("tasks.0.created_at", "2025-03-10T09:00:00", "has no time zone"),
        ("planned.0.task_id", "no-such-task", "planned: a step for unknown task no-such-task"),
        ("keys.0.user_id", "nobody", "belongs to unknown user nobody"),
        ("keys.0.digest", "short", "^keys.0.digest"),
        ("url_secret", "", "^url_secret"),
        ("credits", [], "^credits"),
        ("accounts.0.credits", {"daily_quota": 5}, "^accounts.0.credits.task_cost"),
        ("tasks.0.events.0", {"at": "2025-03-10T09:00:00Z"}, "^tasks.0.events.0.type"),
    ],
)
def test_a_broken_part_is_refused_naming_what_is_wrong_and_nothing_changes(path, value, message):
    kit = build()
    kit.create()
    before = snapshot(kit)

    with pytest.raises(StateError, match=message):
        prepare_state(_broken(path, value), kit.tasks, kit.agent)

    assert snapshot(kit) == before


def test_a_scenario_the_agent_cannot_play_is_refused():
    document = snapshot(busy_kit())
    document["scenarios"]["stall"]["steps"][0]["action"] = "dance"

    with pytest.raises(StateError, match="scenario 'stall', step 1: unknown action 'dance'"):
        prepare_state(document, build().tasks, build().agent)
