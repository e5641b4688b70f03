"""Threada's bundled fixtures load, hold the reference's examples, and bad ones are named."""

from __future__ import annotations

import shutil
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml

from mock_server.apis.threada.domain.access import SCOPES
from mock_server.apis.threada.fixture_entries import Scope
from mock_server.apis.threada.fixtures import FixtureError, FixtureSet, load_fixtures

BUNDLED = Path(__file__).resolve().parents[3] / "fixtures" / "threada"
BASE_URL = "http://127.0.0.1:8080"


def load(directory: Path = BUNDLED) -> FixtureSet:
    return load_fixtures(directory, BASE_URL)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "threada"
    shutil.copytree(BUNDLED, target)
    return target


def edit(directory: Path, name: str, change: Any) -> None:
    path = directory / name
    document = yaml.safe_load(path.read_text())
    change(document)
    path.write_text(yaml.safe_dump(document))


def test_the_bundled_fixtures_hold_the_references_examples():
    fixtures = load()
    catalog = fixtures.catalog

    workflow = catalog.workflow("policy_review")
    assert catalog.intake_channel(workflow, "web_main") == "web_main"
    assert "request_approval" in catalog.actions
    assert "int_workflow" in catalog.integrations
    rule = catalog.policy_of(workflow).rules["request_approval"]
    assert rule.effect == "allow"
    assert rule.integrations is not None
    assert "int_workflow" in rule.integrations


def test_the_references_placeholder_token_is_a_key_that_can_run_both_examples():
    (example,) = [c for c in load().credentials if c.key == "<token>"]

    assert example.tenants == {"example"}
    assert {"workitems:write", "actions:execute"} <= example.scopes


def test_ids_start_where_the_references_examples_are():
    numbering = load().numbering

    assert [numbering.new(s) for s in ("work_item", "execution", "idempotency_key")] == [
        "wi_123", "ex_456", "idem_789",
    ]  # fmt: skip


def test_the_fixture_scope_names_are_the_domains():
    assert set(typing.get_args(Scope)) == set(SCOPES)


def test_webhook_urls_are_resolved_against_the_emulators_address():
    url = load().catalog.integrations["int_ticketing"].url

    assert url == f"{BASE_URL}/_mock/inbox/threada-ticketing"


def test_a_key_of_an_unknown_tenant_is_named(copy):
    edit(copy, "keys.yaml", lambda d: d["keys"][1].update(tenants=["initech"]))

    with pytest.raises(
        FixtureError, match=r"keys\.yaml: keys\.1\.tenants: unknown tenant 'initech'"
    ):
        load(copy)


def test_an_unknown_scope_is_named(copy):
    edit(copy, "keys.yaml", lambda d: d["keys"][2].update(scopes=["workitems:delete"]))

    with pytest.raises(FixtureError, match=r"keys\.yaml: keys\.2\.scopes\.0"):
        load(copy)


def test_a_workflow_with_an_unknown_scenario_is_named(copy):
    edit(copy, "workflows.yaml", lambda d: d["workflows"][0].update(scenario="yolo"))

    with pytest.raises(FixtureError, match=r"workflow policy_review: unknown scenario 'yolo'"):
        load(copy)


def test_a_policy_rule_for_an_unknown_integration_is_named(copy):
    def change(document):
        document["policies"][0]["rules"]["send_reply"]["integrations"] = ["int_fax"]

    edit(copy, "policies.yaml", change)

    with pytest.raises(FixtureError, match=r"rule send_reply: unknown integration 'int_fax'"):
        load(copy)


def test_the_same_id_twice_is_refused(copy):
    edit(copy, "channels.yaml", lambda d: d["channels"].append(dict(d["channels"][0])))

    with pytest.raises(FixtureError, match=r"channels\.yaml: entry 4: 'web_main' is listed twice"):
        load(copy)


def test_a_scenario_that_breaks_the_lifecycle_is_named(copy):
    def change(document):
        document["scenarios"]["answer"]["steps"].append(
            {"after": 1, "status": "in_review", "fallback_reason": "again"}
        )

    edit(copy, "scenarios.yaml", change)

    with pytest.raises(FixtureError, match=r"scenario 'answer', step 2: .* from resolved"):
        load(copy)


def test_a_scenario_step_without_evidence_is_refused(copy):
    edit(
        copy,
        "scenarios.yaml",
        lambda d: d["scenarios"]["review"]["steps"][0].pop("fallback_reason"),
    )

    with pytest.raises(FixtureError, match=r"citations or a fallback_reason"):
        load(copy)


def test_a_webhook_integration_needs_a_url(copy):
    edit(copy, "integrations.yaml", lambda d: d["integrations"][3].update(url="inbox"))

    with pytest.raises(FixtureError, match=r"int_ticketing: a webhook needs an absolute"):
        load(copy)


def test_a_missing_file_is_named(copy):
    (copy / "policies.yaml").unlink()

    with pytest.raises(FixtureError, match=r"policies\.yaml: file not found"):
        load(copy)
