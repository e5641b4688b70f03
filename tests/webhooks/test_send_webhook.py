"""`workitems-mock send-webhook` and `sign`: prove a receiver rejects forged deliveries."""

from __future__ import annotations

import io
import json
from wsgiref.types import StartResponse, WSGIEnvironment

import pytest
from werkzeug.wrappers import Request, Response

from mock_server import create_app
from mock_server.apis.sema4.signing import SEMA4
from mock_server.cli import main
from mock_server.core.clock import ClockMode
from mock_server.settings import Settings
from mock_server.webhooks.receiver import Receiver, ReceiverOptions
from tests.support.loopback import closed_port, serving
from tests.webhooks.signatures import independent_signature

SCHEMES = (SEMA4,)


def verifying_receiver(forged_status: int = 401):
    """A receiver done right (or answering `forged_status` to a bad signature)."""

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        request = Request(environ)
        body = request.get_data()
        given = request.headers.get(SEMA4.header, "")
        genuine = given == independent_signature("s3cret", body)
        response = Response(status=204 if genuine else forged_status)
        return list(response(environ, start_response))

    return app


@pytest.mark.parametrize(
    ("tamper", "verdict"),
    [
        ("none", "valid"),
        ("body", "invalid"),
        ("signature", "invalid"),
        ("secret", "invalid"),
        ("missing", "missing"),
    ],
)
def test_each_tamper_mode_gets_its_verdict_at_a_capture_receiver(tamper, verdict):
    out = io.StringIO()
    with serving(Receiver(ReceiverOptions(secret="s3cret", schemes=SCHEMES), out)) as url:
        main(["send-webhook", "--to", url, "--secret", "s3cret", "--tamper", tamper])

    assert f"signature={verdict}" in out.getvalue()


SAMPLE = ["--status", "FAILED", "--work-item-id", "wi-42"]


def test_the_sample_carries_the_given_status_and_work_item(capsys):
    out = io.StringIO()
    with serving(Receiver(ReceiverOptions(schemes=SCHEMES), out)) as url:
        main(["send-webhook", "--to", url, "--secret", "k", *SAMPLE])

    assert "work_item=wi-42  status=FAILED" in out.getvalue()
    assert "work item  wi-42  status FAILED" in capsys.readouterr().out


def test_a_receiver_that_verifies_passes_every_case(capsys):
    with serving(verifying_receiver()) as url:
        status = main(["send-webhook", "--to", url, "--secret", "s3cret", "--tamper", "all"])

    out = capsys.readouterr().out
    assert status == 0
    assert out.count("OK ") == 5
    assert "accepts genuine deliveries and rejects forged ones" in out


def test_a_receiver_that_accepts_everything_is_reported_wrong(capsys):
    with serving(Receiver(ReceiverOptions(schemes=SCHEMES), io.StringIO())) as url:
        status = main(["send-webhook", "--to", url, "--secret", "s3cret", "--tamper", "body"])

    out = capsys.readouterr().out
    assert status == 1
    assert "WRONG: the receiver ACCEPTED a forged delivery" in out


def test_a_5xx_for_a_forged_delivery_is_wrong_because_senders_retry_it(capsys):
    with serving(verifying_receiver(forged_status=500)) as url:
        status = main(["send-webhook", "--to", url, "--secret", "s3cret", "--tamper", "secret"])

    assert status == 1
    assert "answered 500 to a forged delivery (expected 4xx)" in capsys.readouterr().out


def test_a_genuine_delivery_rejected_is_wrong(capsys):
    with serving(verifying_receiver()) as url:
        status = main(["send-webhook", "--to", url, "--secret", "another"])

    out = capsys.readouterr().out
    assert status == 1
    assert "answered 401 to a correctly signed delivery" in out
    # The usual mistake is hashing the raw bytes: say what is signed, exactly.
    assert "not of the raw bytes received" in out
    assert 'the signed string was: {"agent_id":' in out


@pytest.mark.parametrize("tamper", ["none", "all"])
def test_an_unreachable_receiver_could_not_be_tested(capsys, tamper):
    with closed_port() as url:
        status = main(["send-webhook", "--to", url, "--secret", "k", "--tamper", tamper])

    out = capsys.readouterr().out
    assert status == 2  # not 1: nothing was judged
    assert f"Could not reach {url}" in out
    assert "connection refused" in out.lower()


def test_the_emulators_inbox_gives_the_same_verdicts_over_real_http():
    app = create_app(Settings(clock_mode=ClockMode.MANUAL))
    with serving(app) as base:
        inbox = base + "/_mock/inbox/verify"
        app.test_client().put("/_mock/inbox/verify", json={"secret": "s3cret"})
        main(["send-webhook", "--to", inbox, "--secret", "s3cret", "--tamper", "all"])
        listed = app.test_client().get("/_mock/inbox/verify/requests").get_json()

    verdicts = [c["signature"]["verdict"] for c in listed["requests"]]
    assert verdicts == ["valid", "invalid", "invalid", "invalid", "missing"]


def test_sign_prints_exactly_the_independent_hmac(tmp_path, capsys):
    body = json.dumps({"status": "COMPLETED", "payload": {"é": [1, 2]}}, indent=2).encode()
    (tmp_path / "body.json").write_bytes(body)

    assert main(["sign", "--secret", "s3cret", str(tmp_path / "body.json")]) == 0
    assert capsys.readouterr().out == independent_signature("s3cret", body) + "\n"


def test_sign_reads_standard_input(monkeypatch, capsys):
    body = b'{"b": 1, "a": 2}'
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(body)))

    main(["sign", "--secret", "k", "-"])

    assert capsys.readouterr().out.strip() == independent_signature("k", body)


def test_sign_refuses_a_body_that_is_not_json(tmp_path, capsys):
    (tmp_path / "body.txt").write_text("status=COMPLETED")

    assert main(["sign", "--secret", "k", str(tmp_path / "body.txt")]) == 2
    assert "is not JSON" in capsys.readouterr().err
