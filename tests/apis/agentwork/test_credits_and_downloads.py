"""The daily credit quota on the emulator clock, and pre-signed result downloads."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mock_server.apis.agentwork.domain.moves import AgentMove
from mock_server.core.errors import Forbidden, NotFound, TooManyRequests
from tests.apis.agentwork.kit import START, build


@pytest.fixture
def kit():
    return build()


def test_the_free_tier_allows_100_credits_a_day(kit):
    for _ in range(10):  # 10 credits a task
        kit.create()

    with pytest.raises(TooManyRequests, match="Daily credit limit reached: 100 of 100") as error:
        kit.create()

    assert "credits renew at 2025-03-11T00:00:00 UTC" in error.value.message
    assert len(kit.tasks.list(kit.dev)) == 10  # the refused create left nothing behind


def test_the_quota_and_the_cost_are_per_account(kit):
    kit.tasks.create(kit.acme, "one", "d", None)
    kit.tasks.create(kit.acme, "two", "d", None)  # 20 a day for acme

    with pytest.raises(TooManyRequests, match="20 of 20"):
        kit.tasks.create(kit.acme, "three", "d", None)
    kit.create()  # another account's quota is untouched


def test_the_quota_is_per_user_not_per_organization(kit):
    for _ in range(10):
        kit.create()

    kit.tasks.create(kit.teammate, "mine", "d", None)


def test_the_quota_renews_at_midnight_utc_on_the_emulator_clock(kit):
    kit.tasks.create(kit.acme, "one", "d", None)
    kit.tasks.create(kit.acme, "two", "d", None)
    kit.clock.advance_to(START.replace(hour=23, minute=59, second=59))
    with pytest.raises(TooManyRequests):
        kit.tasks.create(kit.acme, "still today", "d", None)

    kit.clock.advance_to(START.replace(hour=0) + timedelta(days=1))

    assert kit.tasks.create(kit.acme, "tomorrow", "d", None).status == "processing"


def _completed_with_a_file(kit):
    task = kit.create(scenario="stall")
    move = AgentMove("agent_propose_solution", "x", 1, files=(("src/App.tsx", "code", "text/x"),))
    with kit.tasks.lock:
        kit.tasks.agent_move(task.task_id, move)
    kit.tasks.decide_solution(kit.dev, task.task_id, "CONFIRMED", None)
    return kit.tasks.result(kit.dev, task.task_id).files[0]


def test_a_granted_download_gives_the_file_for_an_hour(kit):
    file = _completed_with_a_file(kit)
    expires, signature = kit.tasks.grant(file.file_id)

    assert expires == int((START + timedelta(hours=1)).timestamp())
    assert kit.tasks.download(file.file_id, expires, signature).content == "code"

    kit.clock.advance_to(START + timedelta(hours=1, seconds=1))
    with pytest.raises(Forbidden, match="Request has expired"):
        kit.tasks.download(file.file_id, expires, signature)


def test_a_tampered_download_url_is_forbidden(kit):
    file = _completed_with_a_file(kit)
    expires, signature = kit.tasks.grant(file.file_id)

    with pytest.raises(Forbidden, match="signature does not match"):
        kit.tasks.download(file.file_id, expires + 3600, signature)
    with pytest.raises(Forbidden):
        kit.tasks.download(file.file_id, expires, "0" * 64)


def test_an_unknown_file_is_not_found_even_when_signed(kit):
    expires, signature = kit.tasks.grant("no-such-file")

    with pytest.raises(NotFound, match="File not found"):
        kit.tasks.download("no-such-file", expires, signature)
