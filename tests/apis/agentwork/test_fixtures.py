"""Agentwork fixtures load, and a broken one is refused naming the file and the entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from mock_server.apis.agentwork.domain.keys import digest
from mock_server.apis.agentwork.fixtures import FixtureError, load_fixtures
from tests.apis.agentwork.conftest import DEV_KEY, shipped_fixtures


def test_the_shipped_fixtures_load_with_a_scenario_per_path_a_client_handles():
    fixtures = load_fixtures(shipped_fixtures())

    assert {s.name for s in fixtures.scenarios} >= {
        "straight_through",
        "question_first",
        "choose_option",
        "spec_revision",
        "solution_rework",
        "direct_answer",
        "stall",
    }
    assert fixtures.defaults.credits.daily_quota == 100  # the documented free tier
    assert fixtures.plain_keys["dev@example.com"] == DEV_KEY
    assert digest(DEV_KEY) in {key.digest for key in fixtures.keys}


def test_accounts_keep_their_organization_quota_and_scenario():
    accounts = {a.email: a for a in load_fixtures(shipped_fixtures()).accounts}

    assert accounts["dev@example.com"].organization is not None
    assert accounts["dev@example.com"].organization.short_id == "LoCaL"
    assert accounts["acme@example.com"].credits.daily_quota == 20
    assert accounts["teammate@example.com"].scenario == "question_first"
    assert accounts["no-org@example.com"].organization is None


def _edit(directory: Path, name: str, old: str, new: str) -> None:
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "accounts.yaml",
            "scenario: question_first",
            "scenario: nonsense",
            "accounts.1.scenario: unknown scenario 'nonsense'",
        ),
        (
            "accounts.yaml",
            "email: teammate@example.com",
            "email: DEV@example.com",
            "accounts.1: email or user_id DEV@example.com is listed twice",
        ),
        (
            "accounts.yaml",
            "daily_quota: 20",
            "daily_quota: -1",
            "accounts.2.credits.daily_quota",
        ),
        (
            "keys.yaml",
            "email: acme@example.com",
            "email: no-org@example.com",
            "keys.2.email: no-org@example.com: the account has no organization",
        ),
        (
            "keys.yaml",
            "email: acme@example.com",
            "email: nobody@example.com",
            "keys.2.email: nobody@example.com: no such account",
        ),
        ("keys.yaml", "aw_live_AcmeDevKey", "sk_AcmeDevKey", "keys.2.key"),
        (
            "scenarios.yaml",
            '      - { after: 2, action: note, content: "Searching the web..." }',
            '      - { after: 2, action: finish, content: "x" }\n'
            '      - { after: 2, action: note, content: "never" }',
            "scenario 'stall', step 3: never played, the task is completed by then",
        ),
        (
            "scenarios.yaml",
            "options: [Quick draft, Standard, High accuracy]",
            "options: []",
            "scenario 'choose_option', step 2: question: options must be a non-empty list",
        ),
        (
            "scenarios.yaml",
            'action: note, content: "Looking into it..."',
            'action: dance, content: "Looking into it..."',
            "scenario 'direct_answer', step 1: unknown action 'dance'",
        ),
    ],
)
def test_a_broken_fixture_names_the_file_and_the_entry(fixtures_copy, file, old, new, message):
    _edit(fixtures_copy, file, old, new)

    with pytest.raises(FixtureError) as error:
        load_fixtures(fixtures_copy)

    assert str(fixtures_copy / file) in str(error.value)
    assert message in str(error.value)


def test_a_missing_file_is_named(fixtures_copy):
    (fixtures_copy / "keys.yaml").unlink()

    with pytest.raises(FixtureError, match=r"keys\.yaml: file not found"):
        load_fixtures(fixtures_copy)
