"""The capture inbox inside the emulator: /_mock/inbox/<name>."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from mock_server import create_app
from mock_server.apis.sema4.signing import SEMA4
from mock_server.cli import main
from mock_server.core.clock import ClockMode
from mock_server.settings import Settings
from mock_server.webhooks.signing import wire_body
from tests.conftest import START
from tests.support.loopback import serving
from tests.webhooks.signatures import independent_signature

INBOX = "/_mock/inbox/orders"
CALLBACK = {
    "work_item_id": "8d9f4f5e-0000-4000-8000-000000000001",
    "status": "COMPLETED",
    "agent_id": "invoice_processing_agent",
    "timestamp": "2025-01-15T10:30:00.000000Z",
    "payload": {"invoice_id": "ABC123", "note": "café"},
    "thread_id": "t-1",
    "work_item_url": None,
    "agent_name": "Invoice processing",
}
BODY = wire_body(CALLBACK)


def deliver(client, path=INBOX, body=BODY, signature=None, method="POST"):
    headers = {"Content-Type": "application/json", "User-Agent": SEMA4.user_agent}
    if signature is not None:
        headers[SEMA4.header] = signature
    return client.open(path, method=method, data=body, headers=headers)


def captures(client, name="orders"):
    response = client.get(f"/_mock/inbox/{name}/requests")
    assert response.status_code == 200
    return response.json["requests"]


def test_a_correctly_signed_delivery_is_valid(anonymous):
    anonymous.put(INBOX, json={"secret": "s3cret"})

    deliver(anonymous, signature=independent_signature("s3cret", BODY))

    assert captures(anonymous)[0]["signature"]["verdict"] == "valid"


def test_a_tampered_body_is_invalid_and_shows_the_expected_signature(anonymous):
    anonymous.put(INBOX, json={"secret": "s3cret"})
    tampered = BODY.replace(b"ABC123", b"ABC999")

    deliver(anonymous, body=tampered, signature=independent_signature("s3cret", BODY))

    signature = captures(anonymous)[0]["signature"]
    assert signature["verdict"] == "invalid"
    assert signature["expected"] == independent_signature("s3cret", tampered)


def test_a_delivery_signed_with_another_secret_is_invalid(anonymous):
    anonymous.put(INBOX, json={"secret": "s3cret"})

    deliver(anonymous, signature=independent_signature("other", BODY))

    assert captures(anonymous)[0]["signature"]["verdict"] == "invalid"


def test_an_unsigned_delivery_is_missing(anonymous):
    anonymous.put(INBOX, json={"secret": "s3cret"})

    deliver(anonymous)

    assert captures(anonymous)[0]["signature"]["verdict"] == "missing"


def test_without_a_secret_there_is_no_verdict(anonymous):
    deliver(anonymous, signature="abc")

    assert captures(anonymous)[0]["signature"] is None


def test_any_method_and_sub_path_is_captured_in_full_without_api_auth(anonymous, emulator):
    emulator.clock.advance_to(START + timedelta(seconds=90))

    response = deliver(anonymous, path=f"{INBOX}/hooks/done?attempt=2", method="PATCH")

    assert response.status_code == 200
    [capture] = captures(anonymous)
    assert capture["id"] == response.json["capture_id"]
    assert capture["method"] == "PATCH"
    assert capture["path"] == f"{INBOX}/hooks/done"
    assert capture["query"] == "attempt=2"
    assert capture["headers"]["User-Agent"] == SEMA4.user_agent
    assert capture["body"].encode() == BODY
    assert capture["json"] == CALLBACK
    assert capture["received_at"] == "2025-01-15T10:31:30.000000Z"


def test_the_inbox_root_with_a_trailing_slash_is_captured(anonymous):
    assert deliver(anonymous, path=f"{INBOX}/").status_code == 200
    assert captures(anonymous)[0]["path"] == f"{INBOX}/"


def test_a_binary_body_is_kept_as_base64(anonymous):
    deliver(anonymous, body=b"\xff\x00\xfe")

    [capture] = captures(anonymous)
    assert capture["body"] is None
    assert capture["body_base64"] == "/wD+"
    assert capture["json"] is None


def test_captures_are_listed_oldest_first_and_since_gives_only_newer(anonymous):
    for n in range(3):
        deliver(anonymous, body=json.dumps({"n": n}).encode())

    assert [c["json"]["n"] for c in captures(anonymous)] == [0, 1, 2]
    newer = anonymous.get(f"{INBOX}/requests?since=2").json["requests"]
    assert [c["id"] for c in newer] == [3]


def test_an_inbox_fails_its_first_n_requests_then_succeeds(anonymous):
    anonymous.put(INBOX, json={"fail_first": 2, "fail_status": 503})

    statuses = [deliver(anonymous).status_code for _ in range(4)]

    assert statuses == [503, 503, 200, 200]
    assert [c["answer"]["status"] for c in captures(anonymous)] == statuses


def test_an_inbox_answers_with_its_configured_status(anonymous):
    anonymous.put(INBOX, json={"status": 410})

    assert deliver(anonymous).status_code == 410


def test_a_delay_holds_the_answer_for_real_seconds(anonymous, monkeypatch):
    paused: list[float] = []
    monkeypatch.setattr("mock_server.http.holds.wall_pause", paused.append)
    anonymous.put(INBOX, json={"delay_seconds": 2.5})

    deliver(anonymous)

    assert paused == [2.5]
    assert captures(anonymous)[0]["answer"]["delay_seconds"] == 2.5


def test_clearing_forgets_captures_and_restarts_the_failure_count(anonymous):
    anonymous.put(INBOX, json={"fail_first": 1})
    deliver(anonymous)
    deliver(anonymous)

    response = anonymous.delete(f"{INBOX}/requests")

    assert response.json == {"inbox": "orders", "cleared": 2}
    assert captures(anonymous) == []
    assert deliver(anonymous).status_code == 500


def test_inboxes_are_created_on_first_use_and_listed_with_config_and_url(anonymous):
    anonymous.put(INBOX, json={"secret": "k", "status": 202})
    deliver(anonymous, path="/_mock/inbox/audit")

    listed = {i["name"]: i for i in anonymous.get("/_mock/inboxes").json["inboxes"]}

    assert set(listed) == {"audit", "orders"}
    assert listed["orders"]["config"]["secret"] == "k"
    assert listed["orders"]["config"]["status"] == 202
    assert listed["audit"]["count"] == 1
    assert listed["audit"]["url"].endswith("/_mock/inbox/audit")


def test_reset_removes_every_inbox(anonymous):
    deliver(anonymous)

    anonymous.post("/_mock/reset")

    assert anonymous.get("/_mock/inboxes").json == {"inboxes": []}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"delay_seconds": 61}, "body.delay_seconds"),
        ({"status": 99}, "body.status"),
        ({"fail_status": 200}, "body.fail_status"),
        ({"fail_first": -1}, "body.fail_first"),
        ({"colour": "red"}, "body.colour"),
    ],
)
def test_a_bad_inbox_config_is_422_in_the_envelope(anonymous, body, field):
    response = anonymous.put(INBOX, json=body)

    assert response.status_code == 422
    assert response.json["error"]["details"]["field"] == field


def test_a_bad_inbox_name_is_400_in_the_envelope(anonymous):
    response = anonymous.put("/_mock/inbox/-bad", json={})

    assert response.status_code == 400
    assert response.json["error"]["details"]["field"] == "name"


def test_a_delay_longer_than_the_senders_timeout_makes_the_attempt_time_out(capsys):
    app = create_app(Settings(clock_mode=ClockMode.MANUAL))
    app.test_client().put(INBOX, json={"delay_seconds": 1})
    with serving(app) as base:
        status = main(["send-webhook", "--to", base + INBOX, "--secret", "k", "--timeout", "0.2"])

    assert status == 1
    assert "no answer: timed out after 0.2 s" in capsys.readouterr().out


def test_a_captured_body_over_a_megabyte_is_refused_and_not_kept(anonymous):
    response = anonymous.post(INBOX, data=b"x" * (1024 * 1024 + 1))

    assert response.status_code == 400
    assert response.json["error"]["details"]["field"] == "body"
    assert captures(anonymous) == []
