"""schemathesis.toml agrees with openapi.yaml, and it never switches a check or operation off."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis

from contracts.spec import config_path, load_config
from mock_server.core.openapi import Operation
from mock_server.resources import schemathesis_config_path
from tests.support.contract import contract

CONFIG = tomllib.loads(schemathesis_config_path().read_text(encoding="utf-8"))
ENTRIES = {entry["include-operation-id"]: entry for entry in CONFIG["operations"]}
NEVER_FOR_VALID_INPUT = {"415", "422"}  # what a schema-valid request can never deserve


def accepted_for_valid_input(operation_id: str) -> set[str]:
    checks = ENTRIES[operation_id]["checks"]
    return {str(status) for status in checks["positive_data_acceptance"]["expected-statuses"]}


def test_schemathesis_reads_the_file_without_complaint():
    schemathesis.Config.from_path(str(schemathesis_config_path()))


def test_verify_runs_with_the_very_file_the_emulator_serves():
    assert config_path() == schemathesis_config_path()
    assert load_config() == CONFIG


def test_every_operation_has_exactly_one_entry():
    assert len(CONFIG["operations"]) == len(ENTRIES)
    assert set(ENTRIES) == {operation.operation_id for operation in contract().operations}


@pytest.mark.parametrize("operation", contract().operations, ids=lambda op: op.operation_id)
def test_valid_input_may_get_only_documented_answers_and_every_state_answer(operation: Operation):
    documented, allowed = set(operation.responses), accepted_for_valid_input(operation.operation_id)

    assert allowed <= documented - NEVER_FOR_VALID_INPUT
    assert {"404", "412"} & documented <= allowed  # unknown ids and state preconditions
    assert any(status.startswith("2") for status in allowed)


def _switches(node: Any, path: str = "") -> Iterator[str]:
    """Every setting that turns something off: `enabled = false`, or an exclusion."""
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{path}.{key}" if path else key
            if (key == "enabled" and value is False) or key.startswith("exclude"):
                yield where
            yield from _switches(value, where)
    elif isinstance(node, list):
        for position, item in enumerate(node):
            yield from _switches(item, f"{path}[{position}]")


def test_nothing_is_switched_off():
    assert list(_switches(CONFIG)) == []


def test_a_run_that_never_reaches_the_logic_fails_instead_of_passing():
    assert {"missing_test_data", "missing_auth"} <= set(CONFIG["warnings"]["fail-on"])
