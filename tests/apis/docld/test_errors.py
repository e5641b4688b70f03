"""DocLD's envelope without Flask: each error kind's type, code, status and `param`."""

from __future__ import annotations

import pytest

from mock_server.apis.docld.domain.keys import EXPIRED_KEY, NO_KEY
from mock_server.apis.docld.errors import DocldErrors, param_of
from mock_server.hosting.errors import Failure

STYLE = DocldErrors()


def failure(kind: str, field: str | None = None, issue: str | None = None) -> Failure:
    return Failure(STYLE.status_of(kind), kind, "message", "error-1", field, issue)


@pytest.mark.parametrize(
    ("kind", "status", "type_", "code"),
    [
        ("unprocessable_entity", 400, "invalid_request_error", "parameter_invalid"),
        ("illegal_move", 400, "invalid_request_error", "invalid_state"),
        ("conflict", 400, "invalid_request_error", "resource_exists"),
        ("unsupported_media_type", 400, "invalid_request_error", "unsupported_media_type"),
        ("payload_too_large", 400, "invalid_request_error", "parameter_invalid"),
        ("forbidden", 403, "authentication_error", "organization_mismatch"),
        ("not_found", 404, "not_found_error", "resource_not_found"),
        ("too_many_requests", 429, "rate_limit_error", "rate_limit_exceeded"),
        ("internal_error", 500, "api_error", "internal_error"),
        ("service_unavailable", 503, "api_error", "service_unavailable"),
    ],
)
def test_each_kind_has_one_of_the_five_types_and_a_documented_status(kind, status, type_, code):
    error = STYLE.body(failure(kind))["error"]

    assert STYLE.status_of(kind) == status
    assert (error["type"], error["code"]) == (type_, code)


def test_authentication_codes_follow_why_the_key_was_refused():
    missing = STYLE.body(failure("unauthorized", "Authorization", NO_KEY))["error"]
    expired = STYLE.body(failure("unauthorized", "Authorization", EXPIRED_KEY))["error"]

    assert (missing["code"], expired["code"]) == ("missing_api_key", "api_key_expired")
    assert "param" not in missing


@pytest.mark.parametrize(
    ("field", "param"),
    [
        ("body.definition.steps[0].type", "definition.steps[0].type"),
        ("query.limit", "limit"),
        ("trigger_config.event", "trigger_config.event"),
        ("path", None),
        ("fault", None),
        (None, None),
    ],
)
def test_param_names_the_request_field_as_the_client_wrote_it(field, param):
    assert param_of(field) == param


def test_the_request_id_header_is_the_error_id():
    assert STYLE.headers(failure("not_found")) == {"x-request-id": "error-1"}
