"""The work-item domain in the platform profile, without Flask: ids, actors, delete, summary."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mock_server.apis.sema4.domain.agents import AgentDirectory
from mock_server.apis.sema4.domain.deletion import delete, delete_many
from mock_server.apis.sema4.domain.model import Agent, Principal
from mock_server.apis.sema4.domain.profile import PLATFORM
from mock_server.apis.sema4.domain.service import CreateRequest, ListQuery, WorkItemService
from mock_server.apis.sema4.domain.summary import summarize
from mock_server.apis.sema4.engine.scenarios import Scenario, Step
from mock_server.apis.sema4.engine.simulator import AgentSimulator
from mock_server.core.clock import Clock, ClockMode
from mock_server.core.errors import BadRequest, NotFound
from mock_server.core.ids import IdFactory
from mock_server.core.scheduler import Scheduler

AGENT_ID = "4a1f6c2e-8b3d-4e5f-9a7b-1c2d3e4f5a6b"
WHO = Principal("dev", "local", "5b0c8e1f-2a3d-4b6c-9d7e-0f1a2b3c4d5e", True)
RUN = Scenario("complete", ((Step(1, "EXECUTING"), Step(2, "COMPLETED")),))


@pytest.fixture
def world():
    clock = Clock(ClockMode.MANUAL, start=datetime(2025, 1, 15, tzinfo=UTC))
    agents = AgentDirectory([Agent(AGENT_ID, "Invoice Processing Agent")])
    items = WorkItemService(PLATFORM, clock, IdFactory(3), agents)
    scheduler = Scheduler(clock)
    simulator = AgentSimulator(items, scheduler, {"complete": RUN})
    return items, scheduler, simulator


def new_item(items: WorkItemService, name: str | None = None):
    return items.create(WHO, CreateRequest(AGENT_ID, {}, (), (), work_item_name=name))


def test_an_item_is_owned_by_the_system_user_and_created_by_the_caller(world):
    items, _, _ = world

    item = new_item(items)

    assert item.user_id == PLATFORM.owner_user_id != WHO.user_id
    assert item.created_by == WHO.user_id
    assert (item.status, item.status_updated_by, item.completed_by) == ("PENDING", "HUMAN", None)


@pytest.mark.parametrize("bad", ["nope", "1234", "4a1f6c2e-8b3d-4e5f-9a7b-1c2d3e4f5a6"])
def test_ids_that_are_not_uuids_are_400_naming_the_value(world, bad):
    items, _, _ = world

    with pytest.raises(BadRequest, match=f"^Invalid UUID: {bad}$"):
        items.get("local", bad)
    with pytest.raises(BadRequest, match="Invalid UUID"):
        items.create(WHO, CreateRequest(bad, {}, (), ()))
    with pytest.raises(BadRequest, match="Invalid UUID"):
        items.list("local", ListQuery(created_by=bad))


def test_any_spelling_python_takes_names_the_same_item(world):
    items, _, _ = world
    item = new_item(items)
    spellings = [item.work_item_id.upper(), "{" + item.work_item_id + "}",
                 "urn:uuid:" + item.work_item_id, item.work_item_id.replace("-", "")]  # fmt: skip

    assert {items.get("local", s).work_item_id for s in spellings} == {item.work_item_id}


def test_a_well_formed_unknown_id_is_404_with_the_id_as_data(world):
    items, _, _ = world

    with pytest.raises(NotFound) as raised:
        items.get("local", "00000000-0000-4000-8000-000000000000")

    assert raised.value.message == "A work item with the given ID was not found"
    assert raised.value.data == {"work_item_id": "00000000-0000-4000-8000-000000000000"}


def test_the_worker_claims_as_system_the_agent_completes_and_restart_clears_it(world):
    items, scheduler, _ = world
    item_id = new_item(items).work_item_id

    scheduler.advance(1)
    running = items.get("local", item_id)
    scheduler.advance(2)
    done = items.get("local", item_id)
    restarted = items.act(WHO, item_id, "restart")

    assert (running.status, running.status_updated_by) == ("EXECUTING", "SYSTEM")
    assert (done.status, done.status_updated_by, done.completed_by) == (
        "COMPLETED",
        "AGENT",
        "AGENT",
    )
    assert (restarted.status, restarted.completed_by, restarted.thread_id) == (
        "PENDING",
        None,
        None,
    )


def test_a_person_completing_records_human(world):
    items, scheduler, _ = world
    item_id = new_item(items).work_item_id
    scheduler.advance(1)

    done = items.act(WHO, item_id, "complete")

    assert (done.completed_by, done.status_updated_by) == ("HUMAN", "HUMAN")


def test_cancelling_a_running_item_drops_the_rest_of_its_run(world):
    items, scheduler, simulator = world
    item_id = new_item(items).work_item_id
    scheduler.advance(1)

    acted = items.perform(WHO, item_id, "cancel")

    assert acted.previous == "EXECUTING"
    assert item_id not in simulator.planned


def test_deleting_forgets_the_item_and_its_planned_steps(world):
    items, scheduler, simulator = world
    item_id = new_item(items).work_item_id
    scheduler.advance(1)

    deleted = delete(items, WHO, item_id)
    scheduler.advance(10)

    assert deleted.warnings == ("The work item was EXECUTING; its agent run was stopped.",)
    assert items.store.get(item_id) is None
    assert simulator.planned == {}
    with pytest.raises(NotFound):
        items.get("local", item_id)


def test_a_batch_delete_counts_what_it_could_not_delete(world):
    items, _, _ = world
    first, second = new_item(items).work_item_id, new_item(items).work_item_id

    result = delete_many(items, WHO, [first, "not-a-uuid", second, first])

    assert (result.deleted, result.failures) == (2, 2)
    assert len(items.store) == 0


def test_rename_normalises_and_refuses_a_blank_name(world):
    items, _, _ = world
    item_id = new_item(items, name="old").work_item_id

    assert items.rename(WHO, item_id, "  " + "x" * 300).work_item_name == "x" * 252 + "..."
    assert items.rename(WHO, item_id, None).work_item_name == "x" * 252 + "..."
    with pytest.raises(BadRequest, match=r"^Work item name cannot be empty$"):
        items.rename(WHO, item_id, "   ")


def test_the_summary_counts_per_agent_and_status(world):
    items, scheduler, _ = world
    new_item(items)
    scheduler.advance(1)
    new_item(items)

    [entry] = summarize(items, WHO)

    assert entry.agent.agent_id == AGENT_ID
    assert entry.counts == {"PENDING": 1, "EXECUTING": 1}
    assert summarize(items, Principal("other", "acme", "u", True)) == []
