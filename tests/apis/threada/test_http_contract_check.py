"""The checks every Threada HTTP test relies on catch what they claim, and the runtime's
vocabularies are the domain's."""

from __future__ import annotations

import typing

import jsonschema
import pytest

from mock_server.apis.threada.domain.errors import REASONS
from mock_server.apis.threada.domain.lifecycle import EXECUTION_STATUSES, STATUSES
from mock_server.apis.threada.errors import CORE_REASONS
from mock_server.apis.threada.state.document import ExecutionStatus, Status
from mock_server.hosting.errors import DEFAULT_STATUS
from tests.apis.threada.http_support import THREADA
from tests.support.contract import SEMA4, check_response

ERROR = {
    "error": {
        "type": "validation",
        "code": "work_item_not_found",
        "message": "Work item wi_1 not found.",
        "correlation_id": "c-1",
    }
}


def operation_id(check, method, path):
    found = check.operation_for(method, path)
    return found.operation_id if found is not None else None


def test_requests_map_to_their_own_apis_operations():
    assert operation_id(THREADA, "GET", "/work-items/wi_1") == "getWorkItem"
    assert operation_id(THREADA, "POST", "/work-items/wi_1/approve") == "approveWorkItem"
    assert operation_id(THREADA, "GET", "/api/v1/work-items") is None
    assert operation_id(THREADA, "DELETE", "/work-items") is None
    assert operation_id(SEMA4, "GET", "/work-items") is None
    assert operation_id(SEMA4, "GET", "/api/v1/work-items/") == "listWorkItems"


def test_an_error_without_its_correlation_header_or_with_an_extra_field_fails():
    get = THREADA.contract.operation("getWorkItem")

    check_response(get, 404, "application/json", ERROR, {"X-Correlation-Id": "c-1"})
    with pytest.raises(AssertionError, match="no X-Correlation-Id"):
        check_response(get, 404, "application/json", ERROR, {})
    extra = {"error": {**ERROR["error"], "status": 404}}
    with pytest.raises(jsonschema.ValidationError):
        check_response(get, 404, "application/json", extra, {"X-Correlation-Id": "c-1"})
    with pytest.raises(AssertionError, match="documented"):
        check_response(get, 409, "application/json", ERROR, {"X-Correlation-Id": "c-1"})


def test_an_export_is_checked_as_text_of_its_media_type():
    export = THREADA.contract.operation("exportTelemetry")

    check_response(export, 200, "text/csv", "at,work_item_id\n", {})
    with pytest.raises(AssertionError):
        check_response(export, 200, "application/json", [], {})


def test_the_state_documents_statuses_are_the_lifecycles():
    assert typing.get_args(Status) == STATUSES
    assert typing.get_args(ExecutionStatus) == EXECUTION_STATUSES


def test_every_core_error_kind_has_a_threada_category_and_reason():
    assert set(CORE_REASONS) == set(DEFAULT_STATUS)
    assert {category for category, _ in CORE_REASONS.values()} <= {
        "validation", "authorization", "policy", "execution",
    }  # fmt: skip


def test_the_contract_lists_every_reason_code_under_its_category():
    envelope = THREADA.contract.schema("ErrorEnvelope")["properties"]["error"]
    listing = envelope["properties"]["code"]["description"]
    sections = {
        line.split(":")[0].strip("- "): line
        for line in listing.replace("\n  ", " ").splitlines()
        if line.startswith("- ")
    }
    codes = {reason: error.category for reason, error in REASONS.items()}
    codes |= {reason: category for category, reason in CORE_REASONS.values()}
    for reason, category in codes.items():
        assert f"`{reason}`" in sections[category], (reason, category)
