"""`workitems-mock capture`: one line per webhook, saved as JSON lines, forwarded to an app."""

from __future__ import annotations

import io
import json

from mock_server.apis.sema4.signing import SEMA4
from mock_server.webhooks.capture import MAX_STORED_BODY
from mock_server.webhooks.forgery import Tamper, forge
from mock_server.webhooks.receiver import Receiver, ReceiverOptions
from mock_server.webhooks.sender import send
from tests.support.loopback import DeveloperApp, closed_port, serving
from tests.webhooks.test_inbox import CALLBACK

SCHEMES = (SEMA4,)

WORK_ITEM = CALLBACK["work_item_id"]


def deliver(url, tamper=Tamper.NONE, secret="s3cret"):
    delivery = forge(CALLBACK, secret, tamper, SEMA4)
    return delivery, send("POST", url + "/hooks/done", delivery.headers, delivery.body, 5)


def test_each_webhook_is_printed_on_one_line_with_work_item_status_and_verdict():
    out = io.StringIO()
    with serving(Receiver(ReceiverOptions(secret="s3cret", schemes=SCHEMES), out)) as url:
        deliver(url)
        deliver(url, Tamper.BODY)
        deliver(url, Tamper.MISSING)

    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    for line in lines:
        assert "POST /hooks/done" in line
        assert f"work_item={WORK_ITEM}" in line
        assert "status=COMPLETED" in line
    assert "signature=valid" in lines[0]
    assert "signature=invalid" in lines[1]
    assert "signature=missing" in lines[2]


def test_without_a_secret_the_line_says_the_signature_was_not_checked():
    out = io.StringIO()
    with serving(Receiver(ReceiverOptions(schemes=SCHEMES), out)) as url:
        deliver(url)

    assert "signature=unchecked" in out.getvalue()


def test_captures_are_appended_to_the_save_file_as_json_lines(tmp_path):
    saved = tmp_path / "captures.jsonl"
    with serving(
        Receiver(ReceiverOptions(secret="s3cret", save=saved, schemes=SCHEMES), io.StringIO())
    ) as url:
        good, _ = deliver(url)
        deliver(url, Tamper.SECRET)

    first, second = (json.loads(line) for line in saved.read_text().splitlines())
    assert first["body"].encode() == good.body
    assert first["headers"]["User-Agent"] == SEMA4.user_agent
    assert first["signature"]["verdict"] == "valid"
    assert second["signature"]["verdict"] == "invalid"


def test_the_configured_answer_goes_back_to_the_sender():
    with serving(Receiver(ReceiverOptions(respond=503, schemes=SCHEMES), io.StringIO())) as url:
        _, answer = deliver(url)

    assert answer.status == 503


def test_forwarding_relays_body_and_headers_and_returns_the_apps_answer():
    app = DeveloperApp(status=401, answer=b'{"error": "bad signature"}')
    out = io.StringIO()
    with serving(app) as app_url:
        options = ReceiverOptions(secret="s3cret", forward_to=app_url + "/webhook", schemes=SCHEMES)
        with serving(Receiver(options, out)) as url:
            delivery, answer = deliver(url, Tamper.BODY)

    [(method, path, headers, body)] = app.requests
    assert (method, path, body) == ("POST", "/webhook?", delivery.body)
    assert headers["X-Sema4Ai-Signature"] == delivery.signature
    assert headers["User-Agent"] == SEMA4.user_agent
    assert (answer.status, answer.body) == (401, b'{"error": "bad signature"}')
    assert "forwarded: 401 UNAUTHORIZED" in out.getvalue()
    assert out.getvalue().rstrip().endswith("-> 401")


def test_respond_overrides_the_forwarded_apps_answer():
    with serving(DeveloperApp(status=500)) as app_url:
        options = ReceiverOptions(respond=202, forward_to=app_url, schemes=SCHEMES)
        with serving(Receiver(options, io.StringIO())) as url:
            _, answer = deliver(url)

    assert answer.status == 202


def test_an_unreachable_app_is_a_502_and_the_line_says_why():
    out = io.StringIO()
    with (
        closed_port() as app_url,
        serving(Receiver(ReceiverOptions(forward_to=app_url, schemes=SCHEMES), out)) as url,
    ):
        _, answer = deliver(url)

    assert answer.status == 502
    assert "forwarded: no answer: connection refused" in out.getvalue()


def test_a_body_too_big_to_store_is_still_forwarded_whole():
    app = DeveloperApp()
    big = b'{"pad": "' + b"x" * (MAX_STORED_BODY + 100) + b'"}'
    with (
        serving(app) as app_url,
        serving(
            Receiver(ReceiverOptions(forward_to=app_url, schemes=SCHEMES), io.StringIO())
        ) as url,
    ):
        send("POST", url, {"Content-Type": "application/json"}, big, 5)

    assert app.requests[0][3] == big
