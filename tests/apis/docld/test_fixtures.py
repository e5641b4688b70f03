"""DocLD's fixtures load into keys, integration types, templates and scenarios; a broken file
is refused with a message naming the file and the entry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from mock_server.apis.docld.fixtures import FixtureError, load_fixtures

BUNDLED = Path(__file__).resolve().parents[3] / "fixtures" / "docld"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "docld"
    shutil.copytree(BUNDLED, target)
    return target


def _edit(path: Path, change) -> None:
    document = yaml.safe_load(path.read_text())
    change(document)
    path.write_text(yaml.safe_dump(document))


def test_bundled_keys_take_their_tier_limits_unless_they_set_their_own():
    keys = {key.name: key for key in load_fixtures(BUNDLED).keys}

    assert (keys["local-free"].rate_limit_rpm, keys["local-free"].rate_limit_rpd) == (100, 10_000)
    assert keys["acme-premium"].rate_limit_rpd == 1_000_000
    assert (keys["local-throttled"].rate_limit_rpm, keys["local-throttled"].rate_limit_rpd) == (
        5,
        20,
    )
    assert keys["local-expired"].expires_at is not None
    assert all(key.key.startswith("docld_") for key in keys.values())


def test_bundled_integration_types_and_templates_are_the_documented_ones():
    fixtures = load_fixtures(BUNDLED)

    assert list(fixtures.kinds) == ["slack", "email", "webhook"]
    assert [f.name for f in fixtures.kinds["email"].fields] == ["to", "subject", "template"]
    assert {t.category for t in fixtures.templates} == {"invoice", "contract", "resume", "general"}
    assert fixtures.scenarios.execution(None).name == "complete"
    assert fixtures.scenarios.document(None).name == "processed"


def test_a_key_without_the_docld_prefix_is_refused_naming_the_entry(copy: Path):
    _edit(copy / "keys.yaml", lambda d: d["keys"][1].update(key="sk_live_123456789"))

    with pytest.raises(FixtureError, match=r"keys\.yaml: keys\.1\.key"):
        load_fixtures(copy)


def test_a_template_breaking_a_workflow_rule_is_refused_naming_it(copy: Path):
    def drop_schema(document):
        document["templates"][0]["definition"]["steps"][1]["config"] = {}

    _edit(copy / "templates.yaml", drop_schema)

    with pytest.raises(FixtureError, match=r"templates\.0: .*schema_id"):
        load_fixtures(copy)


def test_scenarios_need_their_defaults_and_known_workflow_scenarios(copy: Path):
    _edit(copy / "scenarios.yaml", lambda d: d["executions"].pop("complete"))
    with pytest.raises(FixtureError, match="default scenario 'complete' is missing"):
        load_fixtures(copy)

    shutil.copy(BUNDLED / "scenarios.yaml", copy / "scenarios.yaml")
    _edit(
        copy / "scenarios.yaml",
        lambda d: d["documents"]["processed"].update(workflow_scenario="nope"),
    )
    with pytest.raises(FixtureError, match="unknown execution scenario 'nope'"):
        load_fixtures(copy)


def test_a_missing_file_is_named(copy: Path):
    (copy / "integrations.yaml").unlink()

    with pytest.raises(FixtureError, match=r"integrations\.yaml: file not found"):
        load_fixtures(copy)
