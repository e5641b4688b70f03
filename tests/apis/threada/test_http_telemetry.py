"""The telemetry export over HTTP: a bounded window of outcomes, as JSON lines or CSV."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlencode

import jsonschema
import pytest

from tests.apis.threada.http_support import THREADA, TOKEN, assert_error, create

DAY = {"from": "2025-01-15T00:00:00Z", "to": "2025-01-16T00:00:00Z"}
RECORD = THREADA.contract.schema("TelemetryRecord")


def export(client, **query):
    return client.get(f"/telemetry/export?{urlencode({**DAY, **query})}")


@pytest.fixture
def outcomes(http, tick):
    """An item executed to success, one escalated, one routed to review; all in acme."""
    done = create(http)["work_item_id"]
    http.post(
        "/actions/execute",
        json={
            "work_item_id": done,
            "action_id": "request_approval",
            "integration_id": "int_workflow",
        },
    )
    tick(1)
    escalated = create(http, channel_id="email_support")["work_item_id"]
    http.post(f"/work-items/{escalated}/escalate", json={"fallback_reason": "VIP customer."})
    create(http, workflow_id="support_triage", channel_id="partner_api")
    tick(5)
    return done, escalated


def test_json_lines_have_one_documented_record_per_receipt_oldest_first(http, outcomes):
    done, escalated = outcomes

    response = export(http)

    assert response.status_code == 200
    assert response.mimetype == "application/x-ndjson"
    records = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    for record in records:
        jsonschema.validate(record, RECORD, cls=jsonschema.Draft202012Validator)
        assert list(record) == RECORD["required"]
    assert [(r["work_item_id"], r["outcome"]) for r in records] == [
        (done, "executed"),
        (done, "succeeded"),
        (escalated, "escalated"),
        ("wi_125", "answered"),
    ]
    assert [r["at"] for r in records] == sorted(r["at"] for r in records)
    first = records[0]
    assert (first["channel_id"], first["workflow_id"], first["policy_version"]) == (
        "web_main",
        "policy_review",
        "2026-01",
    )
    assert (first["integration_id"], first["action_id"], first["execution_id"]) == (
        "int_workflow",
        "request_approval",
        "ex_456",
    )
    assert (records[1]["actor_type"], records[2]["actor_type"], records[3]["actor_type"]) == (
        "system",
        "human",
        "ai",
    )


def test_csv_has_a_header_and_the_same_records(http, outcomes):
    lines = export(http).get_data(as_text=True).splitlines()

    response = export(http, format="csv")

    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert response.get_data(as_text=True).splitlines()[0] == ",".join(RECORD["required"])
    expected = [
        {k: "" if v is None else str(v) for k, v in json.loads(line).items()} for line in lines
    ]
    assert rows == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"channel_id": "email_support"}, "escalated"),
        ({"workflow_id": "support_triage"}, "answered"),
        ({"policy_version": "v7"}, "answered"),
        ({"integration_id": "int_workflow"}, "executed succeeded"),
        ({"outcome": "succeeded"}, "succeeded"),
    ],
)
def test_filters_narrow_the_export(http, outcomes, query, expected):
    text = export(http, **query).get_data(as_text=True)

    assert [json.loads(line)["outcome"] for line in text.splitlines()] == expected.split()


def test_the_window_is_from_inclusive_to_exclusive(http, outcomes):
    # Receipts at 10:30:00 (executed), 10:30:01 (succeeded and escalated), 10:30:03 (answered).
    window = {"from": "2025-01-15T10:30:01Z", "to": "2025-01-15T10:30:03Z"}

    text = http.get(f"/telemetry/export?{urlencode(window)}").get_data(as_text=True)

    assert [json.loads(line)["outcome"] for line in text.splitlines()] == ["succeeded", "escalated"]


def test_an_empty_window_exports_nothing_and_csv_only_its_header(http):
    assert export(http).get_data(as_text=True) == ""
    assert export(http, format="csv").get_data(as_text=True).splitlines() == [
        ",".join(RECORD["required"])
    ]


@pytest.mark.parametrize(
    ("query", "code", "field"),
    [
        ({}, "window_unbounded", "query.from"),
        ({"from": "2025-01-15T00:00:00Z"}, "window_unbounded", "query.to"),
        ({"to": "2025-01-15T00:00:00Z"}, "window_unbounded", "query.from"),
        (
            {"from": "2025-01-01T00:00:00Z", "to": "2025-02-01T00:00:01Z"},
            "window_too_wide",
            "query.to",
        ),
        (
            {"from": "2025-01-15T00:00:00Z", "to": "2025-01-14T00:00:00Z"},
            "invalid_time_window",
            "query.to",
        ),
        ({"from": "soon", "to": "2025-01-14T00:00:00Z"}, "invalid_time_window", "query.from"),
    ],
)
def test_an_unbounded_or_too_wide_window_is_a_validation_error(http, query, code, field):
    response = http.get(f"/telemetry/export?{urlencode(query)}")

    error = assert_error(response, 400, "validation", code)
    assert error["details"]["field"] == field


def test_thirty_one_days_exactly_is_allowed(http):
    window = {"from": "2025-01-01T00:00:00Z", "to": "2025-02-01T00:00:00Z"}

    assert http.get(f"/telemetry/export?{urlencode(window)}").status_code == 200


def test_an_unknown_format_is_refused(http):
    assert_error(export(http, format="xml"), 400, "validation", "invalid_field")


def test_an_export_holds_only_the_callers_tenant(http, key, outcomes):
    assert export(key(TOKEN)).get_data(as_text=True) == ""
    assert export(key("threada-globex-key")).get_data(as_text=True) == ""
    analyst = export(key("threada-analyst-key")).get_data(as_text=True)
    assert analyst == export(http).get_data(as_text=True)
