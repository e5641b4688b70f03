"""The inspector's part of the plug-in interface, without Flask: Sema4's actions and paging."""

from datetime import UTC, datetime

import pytest

from mock_server.core.clock import Clock, ClockMode
from mock_server.core.errors import BadRequest, IllegalMove
from mock_server.core.principal import Principal
from mock_server.emulator import Emulator
from mock_server.hosting.resources import ResourceQuery, ResourceView
from mock_server.settings import Settings
from tests.support.workitems import AGENT, sema4_of


@pytest.fixture
def api():
    clock = Clock(ClockMode.MANUAL, start=datetime(2025, 1, 15, tzinfo=UTC))
    emulator = Emulator(Settings(seed=3, clock_mode=ClockMode.MANUAL), clock=clock)
    yield sema4_of(emulator)
    emulator.stop()


def new_item(api) -> str:
    from mock_server.apis.sema4.domain.service import CreateRequest

    who = Principal("test", "local", "someone", can_write=True)
    return api.items.create(who, CreateRequest(AGENT, {}, (), ())).work_item_id


def test_every_client_action_is_listed_with_what_the_table_says(api):
    item = new_item(api)  # PENDING

    found = {a.name: (a.allowed, a.reason) for a in api.actions(item)}

    assert list(found) == ["continue", "restart", "cancel", "complete"]
    assert found["cancel"] == (True, "to CANCELLED")
    assert found["continue"] == (False, "allowed from CANCELLED, FAILED, PAUSED, not PENDING")
    assert found["restart"][0] is False


def test_perform_runs_the_client_action_and_the_table_refuses_what_it_forbids(api):
    item = new_item(api)

    cancelled = api.perform(item, "cancel")
    with pytest.raises(IllegalMove, match="Cannot cancel work item from status CANCELLED"):
        api.perform(item, "cancel")
    with pytest.raises(BadRequest, match="Unknown work item action 'finalize'"):
        api.perform(item, "finalize")

    assert cancelled.status == "CANCELLED"
    assert [t.actor for t in api.history(item)] == ["client", "client"]
    assert api.perform(item, "continue").status == "PENDING"  # and the agent runs it again
    assert any(n.kind == "step" and n.upcoming for n in api.notes(item))


def test_the_revision_moves_with_every_status_change_and_nothing_else(api):
    item = new_item(api)
    before = api.revision()

    api.view(item)
    unchanged = api.revision()
    api.scheduler.advance(1)  # the agent starts it

    assert unchanged == before
    assert api.revision() > before


def test_browse_pages_newest_first_and_filters_on_the_raw_items(api):
    made = [new_item(api) for _ in range(7)][::-1]

    first = api.browse(ResourceQuery(limit=3))
    second = api.browse(ResourceQuery(limit=3, after=first.views[-1].resource_id))
    cancelled = api.perform(made[4], "cancel")
    only = api.browse(ResourceQuery(status="CANCELLED"))

    assert [v.resource_id for v in first.views + second.views] == made[:6]
    assert first.more
    assert second.more
    assert [v.resource_id for v in only.views] == [cancelled.resource_id]
    assert not only.more


def _view(n: int, name: str | None = None) -> ResourceView:
    at = datetime(2025, 1, 1, tzinfo=UTC)
    return ResourceView("any", "thing", f"id-{n}", "OPEN", at, at, name=name)


def test_the_default_page_of_built_views_skips_to_after_and_matches_text():
    views = [_view(3, "Gamma"), _view(2, "beta"), _view(1, "Alpha")]

    assert ResourceQuery(text="ALP").page_of(views).views == [views[2]]
    assert ResourceQuery(after="id-3", limit=1).page_of(views).views == [views[1]]
    assert ResourceQuery(after="id-3", limit=1).page_of(views).more
    assert ResourceQuery(after="id-9").page_of(views).views == []
