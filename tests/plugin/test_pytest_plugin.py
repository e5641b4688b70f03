"""The pytest plugin as a user meets it: tests in another project, run by pytester."""

from __future__ import annotations

import pytest

USER_TESTS = """
import json
import urllib.error
import urllib.request

START = []


def call(mock, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(mock.api_url + path, data, method=method)
    request.add_header("Authorization", f"Bearer {mock.api_key}")
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def test_a_work_item_completes_and_calls_back(workitems_mock, workitems_inbox):
    workitems_inbox.configure(secret="s3cret")
    callback = {"url": workitems_inbox.url, "on_status": "COMPLETED", "signature_secret": "s3cret"}
    body = {"agent_id": workitems_mock.agent_id, "callbacks": [callback]}
    item = call(workitems_mock, "POST", "/work-items", body)

    workitems_mock.advance(3)

    item = call(workitems_mock, "GET", f"/work-items/{item['work_item_id']}")
    assert item["status"] == "COMPLETED"
    [delivery] = workitems_inbox.requests()
    assert delivery["json"]["status"] == "COMPLETED"
    assert delivery["signature"]["verdict"] == "valid"


def test_each_test_starts_from_a_clean_emulator(workitems_mock):
    assert call(workitems_mock, "GET", "/work-items")["records"] == []
    START.append(workitems_mock.control.clock()["now"])
    call(workitems_mock, "POST", "/work-items", {"agent_id": workitems_mock.agent_id})
    workitems_mock.advance(60)


def test_and_again_with_the_same_clock(workitems_mock):
    assert call(workitems_mock, "GET", "/work-items")["records"] == []
    assert workitems_mock.control.clock()["now"] == START[0]
    assert workitems_mock.control.clock()["mode"] == "manual"


def test_faults_reach_the_client(workitems_mock):
    workitems_mock.control.add_fault(method="GET", path="/work-items", status=503, times=1)
    try:
        call(workitems_mock, "GET", "/work-items")
    except urllib.error.HTTPError as error:
        assert error.code == 503
    else:
        raise AssertionError("the fault did not fire")
    assert call(workitems_mock, "GET", "/work-items")["records"] == []

"""


def test_the_fixtures_drive_a_live_emulator_and_isolate_tests(pytester: pytest.Pytester):
    pytester.makepyfile(test_user=USER_TESTS)

    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")

    result.assert_outcomes(passed=4)


def test_the_fixtures_are_listed_for_users(pytester: pytest.Pytester):
    result = pytester.runpytest_subprocess("--fixtures")

    result.stdout.fnmatch_lines(["*workitems_mock*", "*workitems_inbox*"])
