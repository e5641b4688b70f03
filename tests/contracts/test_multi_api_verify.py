"""`verify --api NAME`: every bundled API's contract fuzzed and walked, breakage caught."""

from __future__ import annotations

import sys

import pytest
import requests
from werkzeug.wrappers import Request, Response

from contracts.apis.base import package_suites
from contracts.suites import CONFORMANCE, STATEFUL
from mock_server.cli import main
from tests.support.local import Wrap, local_emulator
from tests.support.mutations import json_body, on_responses, with_json

OTHER_APIS = ("agentwork", "docld", "threada")
# A field each API's listing and reads promise for every resource (its contract's `required`).
PROMISED = {"agentwork": "created_at", "docld": "created_at", "threada": "workflow_id"}
PLATFORM = (("sema4", "platform"),)
READONLY = ("--readonly-key", "local-readonly-key")


def verify(*args: str) -> int:
    return main(["verify", "--max-examples", "5", "--seed", "1", *args])


def verify_api(api: str, base_url: str, *args: str) -> int:
    """verify of `api` at `base_url` with its fixtures' key."""
    key = fixture_key(base_url, api)
    return verify("--api", api, "--base-url", base_url, "--api-key", key, *args)


def fixture_key(base_url: str, api: str) -> str:
    key: str = requests.get(f"{base_url}/_mock/apis/{api}", timeout=10).json()["api_key"]
    return key


def dropping(field: str) -> Wrap:
    """A mutant: `field` gone from every resource the API answers, read or listed."""

    def rewrite(request: Request, response: Response) -> Response | None:
        body = json_body(response)
        if request.path.startswith("/_mock") or not isinstance(body, dict):
            return None
        for value in [body, *(v for v in body.values() if isinstance(v, list))]:
            for entry in value if isinstance(value, list) else [value]:
                if isinstance(entry, dict):
                    entry.pop(field, None)
        return with_json(response, body)

    return on_responses(rewrite)


@pytest.mark.parametrize("api", OTHER_APIS)
def test_each_api_passes_its_own_conformance_and_stateful_suites(api: str, capsys):
    with local_emulator() as local:
        status = verify_api(api, local.base_url, "--suite", "conformance,stateful")

    out = capsys.readouterr().out
    assert status == 0, out
    assert "**PASSED**: 0 violations, 0 skipped" in out
    assert f"({api}), " in out  # the report names the API verified


@pytest.mark.parametrize("api", OTHER_APIS)
def test_a_dropped_response_field_is_caught_by_conformance(api: str, capsys):
    with local_emulator(dropping(PROMISED[api])) as local:
        status = verify_api(api, local.base_url, "--suite", "conformance")

    out = capsys.readouterr().out
    assert status == 1
    assert "response_schema_conformance" in out
    assert f'"{PROMISED[api]}" is a required property' in out


def test_the_platform_profile_is_verified_against_the_platform_document(capsys):
    with local_emulator(profiles=PLATFORM) as local:
        status = verify_api("sema4", local.base_url, "--profile", "platform", *READONLY)

    out = capsys.readouterr().out
    assert status == 0, out
    assert "- API: Sema4.ai Work Item API (sema4), platform profile" in out
    assert "| conformance |" in out
    assert "| lifecycle |" in out
    assert "| webhooks |" in out
    assert "**PASSED**: 0 violations, 0 skipped" in out  # the platform's own suites, all four


def test_the_documented_document_fails_a_platform_deployment(capsys):
    with local_emulator(profiles=PLATFORM) as local:
        status = verify_api("sema4", local.base_url, "--suite", "conformance")

    assert status == 1  # DRAFT, UUID ids and 400s are violations of seed 000's document


def test_an_unknown_api_is_refused_naming_the_known_ones(capsys):
    status = verify("--api", "jira", "--base-url", "http://127.0.0.1:9", "--api-key", "k")

    assert status == 2
    assert "unknown API 'jira'; known: sema4, agentwork, docld, threada" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("--api", "threada", "--suite", "webhooks"),
            "unknown suite 'webhooks' for threada",
        ),
        (("--api", "agentwork", "--profile", "platform"), "agentwork has no profile 'platform'"),
    ],
)
def test_a_suite_or_profile_the_api_lacks_is_refused(args: tuple[str, ...], said: str, capsys):
    status = verify(*args, "--base-url", "http://127.0.0.1:9", "--api-key", "k")

    assert status == 2
    assert said in capsys.readouterr().err


def test_the_emulator_keeps_another_apis_state_across_a_run():
    with local_emulator() as local:
        tasks = f"{local.base_url}/api/v1/tasks/"
        auth = {"Authorization": f"Bearer {fixture_key(local.base_url, 'agentwork')}"}
        body = {"title": "kept", "description": "d"}
        made = requests.post(tasks, json=body, headers=auth, timeout=10)
        verify_api("agentwork", local.base_url, "--suite", "conformance")
        listed = requests.get(tasks, headers=auth, timeout=10).json()["tasks"]

    assert [task["task_id"] for task in listed] == [made.json()["task_id"]]


def test_a_package_registers_its_own_suite_by_having_the_module(tmp_path, monkeypatch):
    package = tmp_path / "vendor_harness"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "lifecycle.py").write_text("def run_lifecycle(ctx):\n    return ctx\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    suites = package_suites("vendor_harness", CONFORMANCE, STATEFUL)

    assert list(suites) == ["conformance", "stateful", "lifecycle"]  # webhooks.py: absent
    assert suites["lifecycle"].runner() is sys.modules["vendor_harness.lifecycle"].run_lifecycle


def test_on_a_real_deployment_the_tasks_a_run_created_are_cancelled(capsys):
    with local_emulator() as local:
        verify_api("agentwork", local.base_url, "--suite", "conformance", "--no-control-plane")
        auth = {"Authorization": f"Bearer {fixture_key(local.base_url, 'agentwork')}"}
        tasks = requests.get(f"{local.base_url}/api/v1/tasks/", headers=auth, timeout=10).json()

    assert tasks["tasks"]  # the run created some, and left none open
    assert {task["status"] for task in tasks["tasks"]} == {"cancelled"}
    assert "cleanup: POST /tasks/{id}/cancel sent for the" in capsys.readouterr().out
