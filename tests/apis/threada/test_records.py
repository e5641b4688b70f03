"""Threada's records survive a snapshot round trip exactly, and a bad part changes nothing."""

from __future__ import annotations

import json

import pytest

from mock_server.apis.threada.domain.executions import ExecuteRequest
from mock_server.apis.threada.domain.paging import ListQuery
from mock_server.apis.threada.domain.telemetry import ExportQuery
from mock_server.apis.threada.domain.windows import Window
from tests.apis.threada.support import SEED_CREATE, dev, example, service
from tests.apis.threada.test_telemetry import DAY, busy


def test_a_round_trip_is_exact_and_the_restored_service_carries_on():
    saved = busy()
    part = json.loads(json.dumps(saved.export_records()))
    restored = service()

    restored.prepare_records(part)()

    assert restored.export_records() == saved.export_records()
    query = ExportQuery(Window.parse(*DAY))
    assert restored.telemetry.export(example(restored), query) == saved.telemetry.export(
        example(saved), query
    )
    again, replayed = restored.executions.execute(
        example(restored), ExecuteRequest("wi_123", "request_approval", "int_workflow")
    )
    assert (again.execution_id, replayed) == ("ex_456", True)
    assert restored.items.create(dev(restored), SEED_CREATE).work_item_id == "wi_125"


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p["work_items"][0].pop("status"),
        lambda p: p["executions"][0].update(created_at="soon"),
        lambda p: p["numbering"].update(tickets=3),
        lambda p: p["work_items"].append(p["work_items"][0]),
    ],
)
def test_a_malformed_part_is_refused_before_anything_changes(damage):
    saved = busy()
    part = json.loads(json.dumps(saved.export_records()))
    damage(part)
    target = service()
    target.items.create(dev(target), SEED_CREATE)
    before = target.export_records()

    with pytest.raises((KeyError, TypeError, ValueError)):
        target.prepare_records(part)

    assert target.export_records() == before


def test_reset_returns_to_the_fixtures():
    threada = busy()

    threada.reset()

    assert threada.items.list(dev(threada), ListQuery()) == ([], None)
    assert threada.executions.all() == []
    assert threada.items.create(example(threada), SEED_CREATE).work_item_id == "wi_123"
