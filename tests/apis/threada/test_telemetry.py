"""Telemetry export without Flask: bounded windows, JSON lines or CSV, tenant and filters."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest

from mock_server.apis.threada.domain import errors
from mock_server.apis.threada.domain.executions import ExecuteRequest
from mock_server.apis.threada.domain.telemetry import FIELDS, ExportQuery
from mock_server.apis.threada.domain.windows import Window
from mock_server.core.clock import isoformat_z
from tests.apis.threada.support import REASON, SEED_CREATE, START, caller, dev, example, service

DAY = isoformat_z(START - timedelta(hours=1)), isoformat_z(START + timedelta(hours=23))


def busy():
    """The reference's two examples run and succeeded, plus an escalation in acme."""
    threada = service()
    threada.items.create(example(threada), SEED_CREATE)
    threada.clock.advance_to(START + timedelta(seconds=1))
    threada.executions.execute(
        example(threada), ExecuteRequest("wi_123", "request_approval", "int_workflow")
    )
    threada.clock.advance_to(START + timedelta(seconds=2))
    threada.executions.attempt("ex_456")
    threada.executions.succeed("ex_456", "int_workflow:APR-1")
    other = threada.items.create(dev(threada), SEED_CREATE)
    threada.items.decide(dev(threada), other.work_item_id, "escalate", REASON)
    return threada


def export(threada, who=None, **query):
    window = query.pop("window", DAY)
    return threada.telemetry.export(
        who or example(threada), ExportQuery(Window.parse(*window), **query)
    )


def test_json_lines_carry_one_outcome_per_receipt_linked_to_channel_workflow_policy_integration():
    lines = [json.loads(line) for line in export(busy()).splitlines()]

    assert [(r["outcome"], r["status"]) for r in lines] == [
        ("executed", "executing"),
        ("succeeded", "resolved"),
    ]
    first = lines[0]
    assert list(first) == list(FIELDS)
    assert first["at"] == "2026-02-04T18:32:12.000000Z"
    assert (first["channel_id"], first["workflow_id"]) == ("web_main", "policy_review")
    assert (first["policy_set"], first["policy_version"]) == ("default_governance", "2026-01")
    assert (first["integration_id"], first["action_id"], first["execution_id"]) == (
        "int_workflow", "request_approval", "ex_456",
    )  # fmt: skip
    assert lines[1]["actor_type"] == "system"


def test_csv_has_a_header_and_the_same_records():
    threada = busy()

    rows = list(csv.DictReader(io.StringIO(export(threada, format="csv"))))

    assert tuple(rows[0]) == FIELDS
    assert [r["outcome"] for r in rows] == ["executed", "succeeded"]
    assert rows[0]["reason_code"] == ""


def test_an_export_holds_only_the_callers_tenant():
    lines = export(busy(), dev(busy())).splitlines()

    assert [json.loads(line)["outcome"] for line in lines] == ["escalated"]


def test_filters_narrow_the_export():
    threada = busy()

    assert export(threada, outcome="succeeded").count("\n") == 1
    assert export(threada, integration_id="int_crm") == ""
    assert export(threada, policy_version="2026-01").count("\n") == 2
    assert export(threada, channel_id="email_support", format="csv") == ",".join(FIELDS) + "\n"


def test_the_window_is_from_inclusive_to_exclusive():
    threada = busy()
    at_execute = isoformat_z(START + timedelta(seconds=1))
    at_success = isoformat_z(START + timedelta(seconds=2))

    lines = export(threada, window=(at_execute, at_success)).splitlines()

    assert [json.loads(line)["outcome"] for line in lines] == ["executed"]


@pytest.mark.parametrize(
    ("window", "error"),
    [
        ((None, None), errors.WindowUnbounded),
        (("2026-02-01T00:00:00Z", None), errors.WindowUnbounded),
        ((None, "2026-02-01T00:00:00Z"), errors.WindowUnbounded),
        (("2026-01-01T00:00:00Z", "2026-02-01T00:00:01Z"), errors.WindowTooWide),
        (("2026-02-02T00:00:00Z", "2026-02-01T00:00:00Z"), errors.InvalidTimeWindow),
        (("2026-02-01T00:00:00", "2026-02-02T00:00:00Z"), errors.InvalidTimeWindow),
        (("yesterday", "2026-02-02T00:00:00Z"), errors.InvalidTimeWindow),
    ],
)
def test_an_unbounded_too_wide_or_malformed_window_is_a_validation_error(window, error):
    with pytest.raises(error) as raised:
        export(busy(), window=window)

    assert raised.value.category == "validation"


def test_a_31_day_window_is_fine():
    assert export(busy(), window=("2026-01-10T00:00:00Z", "2026-02-10T00:00:00+00:00"))


def test_exporting_needs_telemetry_read():
    threada = busy()

    with pytest.raises(errors.MissingScope, match="telemetry:read"):
        export(threada, caller(threada, "threada-reader-key"))
