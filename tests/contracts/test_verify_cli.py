"""`workitems-mock verify` as a CI job runs it: exit status, report, JUnit, a wrong key."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from contracts.suites import SUITES, Suite
from mock_server.cli import main
from tests.contracts.mutants import MUTANTS
from tests.support.local import local_emulator
from tests.support.served import free_port
from tests.support.suites import DEV_KEY, READONLY_KEY


def verify(*args: str) -> int:
    return main(["verify", "--max-examples", "5", "--seed", "1", *args])


def by_name(name: str):
    return next(mutant for mutant in MUTANTS if mutant.name == name)


def test_verify_reports_a_wrong_key_as_such(capsys, tmp_path):
    junit = tmp_path / "junit.xml"
    with local_emulator() as local:
        status = verify(
            "--base-url", local.base_url, "--api-key", "expired-key", "--junit", str(junit)
        )

    out = capsys.readouterr().out
    assert status == 2
    assert "COULD NOT VERIFY" in out
    assert "--api-key was rejected (401: Invalid API key.)" in out
    assert "| conformance |" not in out  # no suite ran, so none can look like a pass
    error = ET.parse(junit).getroot().find("testsuite/testcase/error")
    assert error is not None
    assert "rejected" in error.get("message", "")


def test_verify_reports_a_wrong_read_only_key_as_such(capsys):
    with local_emulator() as local:
        status = verify(
            "--base-url", local.base_url, "--api-key", DEV_KEY, "--readonly-key", "nope"
        )

    assert status == 2
    assert "--readonly-key was rejected" in capsys.readouterr().out


def test_verify_reports_an_unreachable_target_as_such(capsys):
    status = verify("--base-url", f"http://127.0.0.1:{free_port()}", "--api-key", DEV_KEY)

    assert status == 2
    assert "cannot reach" in capsys.readouterr().out


def test_webhooks_are_skipped_with_the_reason_when_the_target_cannot_call_back():
    from contracts.context import Options, RunContext
    from contracts.target import Target
    from contracts.webhooks.suite import run_webhooks

    remote = Target("https://ace.example.com/tenants/acme", api_key="k")
    result = run_webhooks(RunContext(remote, Options(), control_plane=False, agent_id="a"))

    assert result.violations == []
    assert len(result.skipped) == 5
    assert all("--webhook-public-url" in (o.skipped or "") for o in result.skipped)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--base-url", "ftp://example.com"], "--base-url must be an http(s) URL"),
        (["--base-url", "http://127.0.0.1:9", "--suite", "nonsense"], "unknown suite 'nonsense'"),
        (["--base-url", "http://127.0.0.1:9", "--max-examples", "0"], "at least 1"),
    ],
)
def test_verify_refuses_bad_options_before_sending_anything(capsys, args, message):
    status = main(["verify", "--api-key", DEV_KEY, *args])

    assert status == 2
    assert message in capsys.readouterr().err


def test_verify_passes_the_intact_emulator_and_writes_junit_per_operation_and_scenario(
    capsys, tmp_path
):
    junit, report = tmp_path / "junit.xml", tmp_path / "report.md"
    with local_emulator() as local:
        status = verify(
            "--base-url",
            local.base_url,
            "--api-key",
            DEV_KEY,
            "--readonly-key",
            READONLY_KEY,
            "--junit",
            str(junit),
            "--report",
            str(report),
        )

    root = ET.parse(junit).getroot()
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    conformance_cases = {case.get("name") for case in suites["conformance"].findall("testcase")}
    assert status == 0
    assert root.get("failures") == "0"
    assert set(suites) == {"conformance", "stateful", "lifecycle", "webhooks"}
    assert "POST /work-items/{work_item_id}/cancel" in conformance_cases
    assert len(suites["lifecycle"].findall("testcase")) >= 50
    assert "**PASSED**" in report.read_text()
    assert "**PASSED**" in capsys.readouterr().out


def test_verify_exits_1_and_lists_each_violation_once_with_a_curl_to_reproduce(capsys, tmp_path):
    report = tmp_path / "report.json"
    with local_emulator(by_name("error_without_envelope").wrap) as local:
        status = verify(
            "--base-url",
            local.base_url,
            "--api-key",
            DEV_KEY,
            "--suite",
            "lifecycle",
            "--report",
            str(report),
        )

    document = json.loads(report.read_text())
    violations = document["violations"]
    keys = [(v["operation"], v["check"], v["expected"], v["actual"]) for v in violations]
    out = capsys.readouterr().out
    assert status == 1
    assert document["ok"] is False
    assert len(keys) == len(set(keys))
    assert any(v["check"] == "404 carries the error envelope" for v in violations)
    assert all(v["curl"].startswith("curl -X ") for v in violations)
    assert "Expected: " in out
    assert "Reproduce:" in out


def test_reports_show_where_the_key_goes_but_never_the_key(capsys, tmp_path):
    report = tmp_path / "report.md"
    with local_emulator(by_name("illegal_transition_is_409").wrap) as local:
        verify(
            "--base-url",
            local.base_url,
            "--api-key",
            DEV_KEY,
            "--suite",
            "conformance,lifecycle",
            "--report",
            str(report),
        )

    text = report.read_text() + capsys.readouterr().out
    assert DEV_KEY not in text
    assert re.search(r'"Authorization: Bearer \$WORKITEMS_API_KEY"', text)


def test_a_suite_that_crashes_is_reported_as_a_violation_and_the_others_still_run(
    capsys, monkeypatch
):
    def crash(ctx):
        raise RuntimeError("the harness broke")

    broken = Suite("stateful", "crashes", lambda: crash)
    monkeypatch.setitem(SUITES, "stateful", broken)
    with local_emulator() as local:
        status = verify(
            "--base-url", local.base_url, "--api-key", DEV_KEY, "--suite", "stateful,lifecycle"
        )

    out = capsys.readouterr().out
    assert status == 1
    assert "RuntimeError: the harness broke" in out
    assert "| lifecycle |" in out


def test_without_the_contracts_extra_verify_says_what_to_install(monkeypatch, capsys):
    import importlib.util

    from mock_server.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "schemathesis" else real(name, *a),
    )

    status = main(["verify", "--base-url", "http://127.0.0.1:9", "--api-key", "k"])

    assert status == 2
    err = capsys.readouterr().err
    assert "pip install 'workitems-mock[contracts]'" in err
    assert "schemathesis" in err
    assert "Traceback" not in err
