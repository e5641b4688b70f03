"""The harness's own parts: target URLs, the oracle, curl lines, envelope and page rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from contracts.checks import page_problem
from contracts.curl import curl_command
from contracts.envelope import envelope_problem
from contracts.http import RateLimiter
from contracts.lifecycle.table import ACTIONS, AGENT_MOVES, STATUSES
from contracts.target import Target, TargetError, api_root
from mock_server.apis.sema4.domain.profile import DOCUMENTED
from tests.contracts.mutants import MUTANTS


@pytest.mark.parametrize(
    ("given", "root"),
    [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/api/v1"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/api/v1"),
        ("https://ace.dev.sema4.ai/tenants/t-1", "https://ace.dev.sema4.ai/tenants/t-1/api/v1"),
        ("https://host/tenants/t-1/api/v2", "https://host/tenants/t-1/api/v2"),
        ("https://host/api/v1/work-items", "https://host/api/v1"),
    ],
)
def test_a_control_room_endpoint_or_an_api_root_both_work_as_base_url(given, root):
    assert api_root(given) == root


@pytest.mark.parametrize("given", ["ftp://host", "127.0.0.1:8080", "http://host/?x=1"])
def test_a_base_url_that_cannot_be_an_api_root_is_refused(given):
    with pytest.raises(TargetError):
        api_root(given)


def test_an_empty_key_is_refused():
    with pytest.raises(TargetError):
        Target("http://127.0.0.1:8080", " ")


def test_the_oracle_is_the_documented_table_the_emulator_implements():
    table = DOCUMENTED.table
    agent_moves: dict[str, set[str]] = {}
    for action in DOCUMENTED.agent_actions:
        rule = table.rule(action)
        for source in rule.sources:
            agent_moves.setdefault(source, set()).add(rule.target)

    assert DOCUMENTED.statuses == STATUSES
    assert {name: (set(sources), target) for name, (sources, target) in ACTIONS.items()} == {
        name: (set(table.rule(name).sources), table.rule(name).target) for name in ACTIONS
    }
    assert {status: set(moves) for status, moves in AGENT_MOVES.items()} == agent_moves


def test_curl_lines_name_the_key_variable_instead_of_the_key():
    line = curl_command(
        "POST",
        "http://h/api/v1/work-items/upload-file",
        {"Authorization": "Bearer s3cret"},
        multipart={"file": ("invoice.pdf", b"%PDF", "application/pdf"), "work_item_id": "w1"},
        secrets={"s3cret": "WORKITEMS_API_KEY"},
    )

    assert "s3cret" not in line
    assert '-H "Authorization: Bearer $WORKITEMS_API_KEY"' in line
    assert "-F 'file=@invoice.pdf;type=application/pdf'" in line
    assert "-F work_item_id=w1" in line


@pytest.mark.parametrize(
    ("content_type", "body", "problem"),
    [
        ("application/json", {"error": {"code": "not_found", "message": "No."}}, None),
        ("text/html", {"error": {"code": "x", "message": "y"}}, "not application/json"),
        ("application/json", {"detail": "Not Found"}, 'an "error" object'),
        ("application/json", {"error": {"code": "NotFound", "message": "No."}}, "snake_case"),
        ("application/json", {"error": {"code": "not_found", "message": ""}}, "non-empty"),
    ],
)
def test_the_error_envelope_rule(content_type, body, problem):
    found = envelope_problem(content_type, body)

    assert (found is None) if problem is None else (problem in str(found))


def test_a_page_must_continue_where_it_ended_and_honour_its_filters():
    records = [{"work_item_id": "a", "agent_id": "x"}, {"work_item_id": "b", "agent_id": "x"}]

    assert page_problem(records, 4, {"limit": 2, "offset": 2}) == ""
    assert "next_offset=5" in page_problem(records, 5, {"limit": 2, "offset": 2})
    assert "returned 2 records" in page_problem(records, None, {"limit": 1})
    assert "other work items" in page_problem(records, None, {"agent_id": "y"})
    assert "repeats" in page_problem(records + records[:1], None, {})


def test_the_rate_limit_spaces_requests_evenly():
    now, slept = [100.0], []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 6))
        now[0] += seconds

    limiter = RateLimiter(4, clock=lambda: now[0], sleep=sleep)
    for _ in range(5):
        limiter.wait()

    assert slept == [0.25, 0.25, 0.25, 0.25]


def test_the_catches_table_names_every_mutant_the_tests_run():
    table = (Path(__file__).resolve().parents[2] / "README.md").read_text()

    assert [m.name for m in MUTANTS if f"`{m.name}`" not in table] == []


def test_reports_are_written_into_folders_that_do_not_exist_yet(tmp_path):
    from contracts.junit import write_junit
    from contracts.report import write_report
    from contracts.results import RunResult

    run = RunResult(target="http://127.0.0.1:1/api/v1", run_id="r", seed=1, control_plane=False)

    write_junit(run, tmp_path / "reports" / "verify.xml")
    write_report(run, tmp_path / "reports" / "deeper" / "verify.md")

    assert (tmp_path / "reports" / "verify.xml").exists()
    assert (tmp_path / "reports" / "deeper" / "verify.md").exists()
