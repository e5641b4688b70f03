"""The typed control client against a live emulator (the plugin's)."""

from __future__ import annotations

import json
import urllib.request

import pytest

from mock_server.client import ControlClient, ControlError


def create(mock, **body):
    data = json.dumps({"agent_id": mock.agent_id, **body}).encode()
    request = urllib.request.Request(f"{mock.api_url}/work-items", data, method="POST")
    request.add_header("Authorization", f"Bearer {mock.api_key}")
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def test_advance_reports_the_steps_that_ran(workitems_mock):
    item = create(workitems_mock)

    advanced = workitems_mock.control.advance(3)

    assert [r["task"] for r in advanced["ran"]] == [
        f"agent: {item['work_item_id']} run 1 -> EXECUTING",
        f"agent: {item['work_item_id']} run 1 -> COMPLETED",
    ]
    assert workitems_mock.control.work_item(item["work_item_id"])["status"] == "COMPLETED"


def test_deliveries_and_redelivery_through_the_client(workitems_mock, workitems_inbox):
    workitems_inbox.configure(fail_first=1)
    create(workitems_mock, callbacks=[{"url": workitems_inbox.url, "on_status": "PENDING"}])
    workitems_mock.advance(5)

    [delivery] = workitems_mock.control.deliveries(outcome="delivered")
    again = workitems_mock.control.redeliver(delivery["delivery_id"])
    workitems_mock.advance(0)

    assert [a["response_status"] for a in delivery["attempts"]] == [500, 200]
    assert again["redelivery_of"] == delivery["delivery_id"]
    assert len(workitems_inbox.requests()) == 3


def test_journal_faults_scenarios_and_keys_through_the_client(workitems_mock):
    control = workitems_mock.control
    fault = control.add_fault(operation="createWorkItem", status=503, times=1)
    with pytest.raises(urllib.error.HTTPError):
        create(workitems_mock)
    control.set_agent_scenario(workitems_mock.agent_id, "fail")
    item = create(workitems_mock)
    control.advance(3)
    key = control.add_key("ci", "local", "ci-bot", write=False)

    assert [e["status"] for e in control.requests(operation="createWorkItem")] == [503, 200]
    assert control.faults()[0]["fault_id"] == fault["fault_id"]
    assert control.work_item(item["work_item_id"])["status"] == "FAILED"
    assert key.startswith("wim_")


def test_control_errors_carry_the_envelope(workitems_mock):
    with pytest.raises(ControlError) as error:
        workitems_mock.control.advance(-1)

    assert error.value.status == 422
    assert error.value.code == "unprocessable_entity"


def test_snapshots_through_the_client(workitems_mock):
    create(workitems_mock)
    state = workitems_mock.control.export_state()
    workitems_mock.control.reset()

    workitems_mock.control.import_state(state)

    assert len(workitems_mock.control.export_state()["apis"]["sema4"]["work_items"]) == 1


def test_the_client_sends_the_admin_token():
    from werkzeug.serving import make_server

    from mock_server import create_app
    from mock_server.settings import Settings

    app = create_app(Settings(admin_token="tok-123"))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    import threading

    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        with pytest.raises(ControlError) as refused:
            ControlClient(base).clock()
        assert ControlClient(base, admin_token="tok-123").clock()["mode"] == "real"
    finally:
        server.shutdown()
        server.server_close()
    assert refused.value.status == 401
