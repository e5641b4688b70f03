import shutil
from pathlib import Path

import pytest

from mock_server.apis.sema4.domain.profile import DOCUMENTED
from mock_server.apis.sema4.engine.scenarios import render_reply
from mock_server.apis.sema4.fixtures import FixtureError, load_fixtures
from mock_server.resources import default_fixtures_dir


@pytest.fixture
def fixtures_copy(tmp_path: Path) -> Path:
    target = tmp_path / "fixtures"
    shutil.copytree((default_fixtures_dir() / "sema4"), target)
    return target


def write_scenarios(directory: Path, text: str) -> None:
    (directory / "scenarios.yaml").write_text(text, encoding="utf-8")


def test_the_shipped_fixtures_load():
    names = {
        s.name for s in load_fixtures((default_fixtures_dir() / "sema4"), DOCUMENTED).scenarios
    }

    assert {"complete", "needs_review", "fail", "slow", "flaky"} <= names


def test_a_step_to_a_status_the_agent_cannot_set_names_file_and_step(fixtures_copy):
    write_scenarios(
        fixtures_copy,
        "scenarios:\n  complete:\n    runs:\n      - steps:\n"
        "          - {after: 1, status: EXECUTING}\n"
        "          - {after: 1, status: CANCELLED}\n",
    )

    with pytest.raises(FixtureError) as error:
        load_fixtures(fixtures_copy, DOCUMENTED)

    message = str(error.value)
    assert str(fixtures_copy / "scenarios.yaml") in message
    assert "scenario 'complete', run 1, step 2" in message
    assert "CANCELLED" in message


def test_a_step_that_skips_executing_is_refused(fixtures_copy):
    write_scenarios(
        fixtures_copy,
        "scenarios:\n  complete:\n    runs:\n      - steps:\n"
        "          - {after: 1, status: COMPLETED}\n",
    )

    with pytest.raises(
        FixtureError, match="run 1, step 1: the agent cannot go from PENDING to COMPLETED"
    ):
        load_fixtures(fixtures_copy, DOCUMENTED)


def test_a_malformed_step_names_its_position(fixtures_copy):
    write_scenarios(
        fixtures_copy,
        "scenarios:\n  complete:\n    runs:\n      - steps:\n"
        "          - {after: -2, status: EXECUTING}\n",
    )

    with pytest.raises(
        FixtureError, match=r"scenarios\.yaml: scenarios\.complete\.runs\.0\.steps\.0\.after"
    ):
        load_fixtures(fixtures_copy, DOCUMENTED)


def test_an_agent_with_an_unknown_default_scenario_is_refused(fixtures_copy):
    agents = (
        (fixtures_copy / "agents.yaml")
        .read_text()
        .replace("scenario: complete", "scenario: nope", 1)
    )
    (fixtures_copy / "agents.yaml").write_text(agents)

    with pytest.raises(
        FixtureError, match=r"agents\.yaml: agents\.0\.scenario: unknown scenario 'nope'"
    ):
        load_fixtures(fixtures_copy, DOCUMENTED)


def test_invalid_yaml_names_the_file(fixtures_copy):
    write_scenarios(fixtures_copy, "scenarios: [unclosed\n")

    with pytest.raises(FixtureError, match=r"scenarios\.yaml: not valid YAML"):
        load_fixtures(fixtures_copy, DOCUMENTED)


def test_replies_fill_payload_fields_and_keep_unknown_placeholders():
    values = {"payload": {"invoice_id": "ABC123"}, "work_item_id": "w1"}

    assert (
        render_reply("Approved {payload.invoice_id} ({work_item_id})", values)
        == "Approved ABC123 (w1)"
    )
    assert (
        render_reply("Missing {payload.nope} and {other}", values)
        == "Missing {payload.nope} and {other}"
    )


def test_replies_write_non_text_payload_values_as_json():
    values = {"payload": {"approved": True, "note": None, "lines": [1, 2], "amount": 12.5}}

    assert (
        render_reply("{payload.approved} {payload.note} {payload.lines} {payload.amount}", values)
        == "true null [1, 2] 12.5"
    )
