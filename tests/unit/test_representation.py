"""Presenting a work item formats each distinct instant once, and every field exactly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mock_server.apis.sema4.domain.model import WorkItem
from mock_server.apis.sema4.http.representation import timestamps
from mock_server.core.clock import isoformat_z

T0 = datetime(2025, 1, 15, 10, 30, tzinfo=UTC)


def item(created: datetime, updated: datetime, status_updated: datetime) -> WorkItem:
    return WorkItem("w1", "local", "PENDING", "agent", "u", "u", created, updated, status_updated)


def test_one_instant_three_times_gives_one_text_three_times():
    assert timestamps(item(T0, T0, T0)) == (isoformat_z(T0),) * 3


def test_distinct_instants_keep_their_own_text():
    later, latest = T0 + timedelta(seconds=1), T0 + timedelta(seconds=2)

    assert timestamps(item(T0, latest, later)) == (
        isoformat_z(T0),
        isoformat_z(latest),
        isoformat_z(later),
    )
    assert timestamps(item(T0, later, later)) == (isoformat_z(T0),) + (isoformat_z(later),) * 2
