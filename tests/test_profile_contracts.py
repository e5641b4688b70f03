"""Each profile's contract and the emulator cannot drift apart, nor the derived document from
its sources (openapi.yaml and the profile's overlay)."""

from __future__ import annotations

import pytest
from openapi_spec_validator import validate

from mock_server.apis.sema4.contract import CONTRACT_FILES, OVERLAY_FILES, openapi_path
from mock_server.apis.sema4.derive import derived_yaml, main, merge_patch
from mock_server.apis.sema4.domain.profile import PROFILES
from mock_server.apis.sema4.http.work_items import HANDLERS
from tests.support.contract import contract

NAMES = list(PROFILES)


def test_every_profile_has_a_contract_and_every_derived_one_an_overlay():
    assert set(CONTRACT_FILES) == set(PROFILES)
    assert set(OVERLAY_FILES) == set(PROFILES) - {"documented"}


@pytest.mark.parametrize("profile", sorted(OVERLAY_FILES))
def test_the_checked_in_derived_document_is_what_the_generator_writes(profile):
    assert openapi_path(profile).read_text(encoding="utf-8") == derived_yaml(profile), (
        f"{CONTRACT_FILES[profile]} is stale: run python -m mock_server.apis.sema4.derive"
    )


def test_the_generator_check_mode_passes_on_a_fresh_checkout(capsys):
    assert main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().out


@pytest.mark.parametrize("profile", NAMES)
def test_the_contract_lints_clean_and_is_openapi_3_1(profile):
    validate(dict(contract(profile).document))
    assert contract(profile).document["openapi"].startswith("3.1")


@pytest.mark.parametrize("profile", NAMES)
def test_every_operation_has_a_handler_in_every_profile(profile):
    assert {op.operation_id for op in contract(profile).operations} == set(HANDLERS)


@pytest.mark.parametrize("profile", NAMES)
def test_the_status_vocabularies_equal_the_contract_enums(profile):
    chosen = PROFILES[profile]

    assert tuple(contract(profile).schema("WorkItemStatus")["enum"]) == chosen.statuses
    assert tuple(contract(profile).schema("CallbackStatus")["enum"]) == chosen.callback_statuses


@pytest.mark.parametrize("profile", NAMES)
def test_the_work_item_and_callback_fields_are_the_ones_the_contract_requires(profile):
    chosen = PROFILES[profile]
    item = contract(profile).schema("WorkItem")
    payload = contract(profile).schema("CallbackPayload")

    assert set(chosen.item_fields) == set(item["properties"])
    assert set(item["required"]) <= set(chosen.item_fields)
    assert set(chosen.callback_fields) == set(payload["properties"])
    assert set(payload["required"]) <= set(chosen.callback_fields)


def test_the_platform_callback_default_is_in_its_contract():
    on_status = contract("platform").document["components"]["schemas"]["Callback"]
    assert on_status["properties"]["on_status"]["default"] == "NEEDS_REVIEW"
    assert on_status["required"] == ["url"]


def test_a_merge_patch_merges_objects_replaces_lists_and_removes_nulls():
    target = {"a": {"b": 1, "c": [1, 2]}, "d": 1}

    assert merge_patch(target, {"a": {"c": [3], "e": {"f": None}}, "d": None}) == {
        "a": {"b": 1, "c": [3], "e": {}}
    }
    assert target == {"a": {"b": 1, "c": [1, 2]}, "d": 1}  # the source is left alone
