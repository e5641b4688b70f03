"""`workitems-mock drift` names every difference of the platform profile from the documented
contract, each once and with evidence, and none against the documented profile."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from contracts.drift.findings import Drift, Evidence, Finding, render_text
from contracts.drift.run import run_drift
from contracts.drift.shapes import departures
from contracts.target import Target
from mock_server.cli import main
from mock_server.testing import WorkItemsMock, running_emulator

# Every difference issue 19 names between the running platform and the documentation.
PLATFORM_DRIFT = {
    ("status names", "status PRECREATED is refused as a filter (422)"),
    ("status names", "status PAUSED is refused as a filter (422)"),
    ("status names", "status FAILED is refused as a filter (422)"),
    ("status names", "status DRAFT is accepted as a filter"),
    ("status names", "status NEEDS_REVIEW is accepted as a filter"),
    ("status names", "status ERROR is accepted as a filter"),
    ("status names", "status INDETERMINATE is accepted as a filter"),
    ("status names", "upload-file creates a work item in DRAFT"),
    ("status names", "an agent run ends in NEEDS_REVIEW"),
    ("status names", "an agent run ends in ERROR"),
    ("status names", "an agent run ends in INDETERMINATE"),
    ("status codes", "GET of a malformed work item id is 400"),
    ("status codes", "attaching a file to a queued work item is 400"),
    ("status codes", "finalising a queued work item is 400"),
    ("status codes", "a callback without on_status is 200"),
    ("fields", "a work item lacks the documented field `files`"),
    ("fields", "a work item has the undocumented field `completed_by`"),
    ("fields", "a work item has the undocumented field `status_updated_by`"),
    ("fields", "a work item has the undocumented field `user_subject`"),
    ("fields", "a work item has the undocumented field `initial_messages`"),
    ("fields", "a work item `work_item_url` holds a value its schema does not allow"),
    ("fields", "a work item `callbacks` holds a value its schema does not allow"),
    ("fields", "the error object has the undocumented field `work_item_id`"),
    ("fields", "the cancel answer has the undocumented field `cancelled`"),
    ("webhooks", "a callback for PENDING is refused (422)"),
    ("webhooks", "a callback for EXECUTING is refused (422)"),
    ("webhooks", "a callback for PAUSED is refused (422)"),
    ("webhooks", "a callback for FAILED is refused (422)"),
    ("webhooks", "a callback for NEEDS_REVIEW is accepted"),
    ("webhooks", "a callback for ERROR is accepted"),
    ("webhooks", "a callback for INDETERMINATE is accepted"),
    ("webhooks", "a callback the receiver refuses (500) is sent once"),
    ("webhooks", "the callback body lacks the documented field `timestamp`"),
    ("webhooks", "the callback body lacks the documented field `payload`"),
    ("webhooks", "cancel fires no CANCELLED callback"),
}


@pytest.fixture(scope="module")
def platform() -> Iterator[WorkItemsMock]:
    with running_emulator(profiles={"sema4": "platform"}) as mock:
        yield mock


@pytest.fixture(scope="module")
def documented() -> Iterator[WorkItemsMock]:
    with running_emulator() as mock:
        yield mock


def drift_of(mock: WorkItemsMock, profile: str = "documented") -> Drift:
    return run_drift(Target(base_url=mock.api_url, api_key=mock.api_key), profile)


def test_against_the_platform_profile_every_named_difference_is_reported_once(platform):
    drift = drift_of(platform)

    found = [(f.category, f.behaviour) for f in drift.findings]
    assert set(found) == PLATFORM_DRIFT
    assert len(found) == len(set(found))  # deduplicated
    assert drift.fatal is None
    assert all(f.evidence.request and f.evidence.answer for f in drift.findings)


def test_each_finding_carries_the_request_and_answer_that_show_it(platform):
    by_behaviour = {f.behaviour: f for f in drift_of(platform).findings}

    malformed = by_behaviour["GET of a malformed work item id is 400"]
    assert malformed.expected == "404"
    assert "/work-items/not-a-work-item-id" in malformed.evidence.request
    assert "Invalid UUID: not-a-work-item-id" in malformed.evidence.answer
    once = by_behaviour["a callback the receiver refuses (500) is sent once"]
    assert once.expected == "4 attempts"
    assert '"status": "COMPLETED"' in once.evidence.answer


def test_against_the_documented_profile_nothing_is_reported(documented):
    drift = drift_of(documented)

    assert drift.fatal is None
    assert drift.findings == []
    assert drift.notes == []


def test_the_platform_profile_does_not_drift_from_its_own_contract(platform):
    assert drift_of(platform, "platform").findings == []


def test_the_command_prints_json_and_exits_1_on_drift(platform, capsys):
    status = main(["drift", "--base-url", platform.base_url, "--api-key", platform.api_key,
                   "--json"])  # fmt: skip

    report = json.loads(capsys.readouterr().out)
    assert status == 1
    assert report["contract"] == "openapi.yaml"
    assert {(f["category"], f["behaviour"]) for f in report["findings"]} == PLATFORM_DRIFT


def test_the_command_groups_findings_and_exits_0_without_drift(documented, capsys):
    status = main(["drift", "--base-url", documented.api_url, "--api-key", documented.api_key])

    out = capsys.readouterr().out
    assert status == 0
    assert "no departure from the contract found" in out


def test_a_wrong_key_is_reported_as_could_not_check(documented, capsys):
    status = main(["drift", "--base-url", documented.api_url, "--api-key", "wrong-key"])

    assert status == 2
    assert "COULD NOT CHECK" in capsys.readouterr().out


def test_findings_are_grouped_by_category_and_kept_once():
    drift = Drift("http://x/api/v1", "documented", "openapi.yaml")
    seen = Evidence("curl -X GET http://x/api/v1/work-items", "200 application/json: {}")
    for finding in (
        Finding("webhooks", "b", "c", seen),
        Finding("status names", "a", "c", seen),
        Finding("webhooks", "b", "other", seen),
    ):
        drift.add(finding)

    assert list(drift.grouped()) == ["status names", "webhooks"]
    assert len(drift.findings) == 2
    assert render_text(drift).count("## ") == 2


def test_departures_name_missing_undocumented_and_wrong_fields():
    schema = {
        "type": "object",
        "required": ["a", "b"],
        "properties": {"a": {"type": "string"}, "b": {"type": "integer"}},
    }

    found = {(d.field, d.kind) for d in departures({"a": 1, "c": True}, schema)}

    assert found == {("b", "missing"), ("c", "undocumented"), ("a", "value")}
