"""The standalone webhook tools with `--scheme docld`: capture, replay, send-webhook, sign."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
from wsgiref.types import StartResponse, WSGIEnvironment

import pytest
from werkzeug.wrappers import Request, Response

from mock_server.apis.docld.signing import DOCLD, sample_event
from mock_server.cli import main
from mock_server.commands.schemes import known_schemes
from mock_server.webhooks.forgery import Tamper, WebhookSample, forge
from mock_server.webhooks.receiver import Receiver, ReceiverOptions
from mock_server.webhooks.sender import send
from tests.apis.docld.conftest import API, manual_workflow, ok
from tests.support.loopback import DeveloperApp, serving

SECRET = "whsec_tools_secret"
SCHEMES = tuple(known_schemes().values())
EVENT = sample_event(
    WebhookSample("exec-7", "COMPLETED", "-", "2025-01-15T10:30:00.000000Z", "http://x")
)


def independent(body: bytes, secret: str = SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verifying_receiver(environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
    """A DocLD receiver done right: the HMAC of the raw body, before parsing it."""
    request = Request(environ)
    genuine = request.headers.get("X-DocLD-Signature", "") == independent(request.get_data())
    return list(Response(status=204 if genuine else 401)(environ, start_response))


def receiver(out: io.StringIO, **options) -> Receiver:
    return Receiver(ReceiverOptions(schemes=SCHEMES, **options), out)


@pytest.mark.parametrize(
    ("tamper", "verdict"),
    [(t, "valid" if t is Tamper.NONE else "missing" if t is Tamper.MISSING else "invalid")
     for t in Tamper],
)  # fmt: skip
def test_capture_judges_each_forgery_with_docld_scheme_and_summarises_the_envelope(tamper, verdict):
    out = io.StringIO()
    delivery = forge(EVENT, SECRET, tamper, DOCLD)
    with serving(receiver(out, secret=SECRET)) as url:
        send("POST", url + "/hooks/docld", delivery.headers, delivery.body, 5)

    line = out.getvalue()
    assert f"signature={verdict}" in line
    assert "event=workflow.completed  execution=exec-7  status=completed" in line


def test_capture_names_the_mismatch_of_a_raw_body_signature(tmp_path):
    saved = tmp_path / "captures.jsonl"
    spaced = json.dumps(EVENT, indent=2).encode()  # the same JSON, other bytes
    headers = {"Content-Type": "application/json", "X-DocLD-Signature": DOCLD.sign(SECRET, b"{}")}
    with serving(receiver(io.StringIO(), secret=SECRET, save=saved)) as url:
        send("POST", url, headers, spaced, 5)

    [capture] = (json.loads(line) for line in saved.read_text().splitlines())
    assert capture["signature"]["verdict"] == "invalid"
    assert capture["signature"]["expected"] == independent(spaced)
    assert "raw body" in capture["signature"]["reason"]


def test_the_emulators_own_docld_webhooks_verify_at_the_capture_tool(client, advance):
    out = io.StringIO()
    with serving(receiver(out, secret=SECRET)) as url:
        hook = {"url": url + "/docld", "events": ["workflow.started", "workflow.completed"]}
        ok(client.post(f"{API}/webhooks", json={**hook, "secret": SECRET}), 201)
        workflow = manual_workflow(client)
        ok(client.post(f"{API}/workflows/{workflow['id']}/execute", json={}))
        advance(5)

    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert all("signature=valid" in line for line in lines)
    assert "event=workflow.started" in lines[0]
    assert "status=running" in lines[0]
    assert "event=workflow.completed" in lines[1]


def test_replay_resends_a_docld_capture_byte_for_byte_and_it_still_verifies(tmp_path, capsys):
    saved = tmp_path / "captures.jsonl"
    delivery = forge(EVENT, SECRET, Tamper.NONE, DOCLD)
    with serving(receiver(io.StringIO(), save=saved)) as url:
        send("POST", url + "/hook", delivery.headers, delivery.body, 5)
    app = DeveloperApp()

    with serving(app) as url:
        assert main(["replay", str(saved), "--to", url + "/webhook"]) == 0
    with serving(verifying_receiver) as url:
        assert main(["replay", str(saved), "--to", url]) == 0

    [(_, _, headers, body)] = app.requests
    assert body == delivery.body
    assert headers["X-Docld-Signature"] == independent(body)
    assert "1 answered 2xx" in capsys.readouterr().out


def test_send_webhook_with_docld_scheme_passes_a_receiver_that_verifies_raw_bodies(capsys):
    with serving(verifying_receiver) as url:
        status = main(
            [
                "send-webhook",
                "--scheme",
                "docld",
                "--to",
                url,
                "--secret",
                SECRET,
                "--tamper",
                "all",
            ]
        )

    out = capsys.readouterr().out
    assert status == 0, out
    assert out.count("OK ") == len(Tamper)


def test_send_webhook_with_docld_scheme_sends_the_documented_envelope(capsys):
    out = io.StringIO()
    with serving(receiver(out, secret=SECRET)) as url:
        main(
            ["send-webhook", "--scheme", "docld", "--to", url, "--secret", SECRET,
             "--status", "FAILED", "--work-item-id", "exec-9"]
        )  # fmt: skip

    report = capsys.readouterr().out
    assert "event=workflow.failed  execution=exec-9  status=failed" in out.getvalue()
    assert "signature=valid" in out.getvalue()
    assert "signature  X-DocLD-Signature: sha256=" in report


def test_send_webhook_with_docld_scheme_catches_a_receiver_that_re_serialises(capsys):
    """Verifying a re-serialised body (Sema4's way) rejects genuine DocLD deliveries."""

    def re_serialising(environ, start_response):
        request = Request(environ)
        canonical = json.dumps(json.loads(request.get_data()), separators=(",", ":")).encode()
        genuine = request.headers.get("X-DocLD-Signature") == independent(canonical)
        return list(Response(status=204 if genuine else 401)(environ, start_response))

    with serving(re_serialising) as url:
        status = main(["send-webhook", "--scheme", "docld", "--to", url, "--secret", SECRET])

    assert status == 1
    assert "answered 401 to a correctly signed delivery" in capsys.readouterr().out


def test_sign_with_docld_scheme_signs_the_raw_bytes_json_or_not(tmp_path, capsys):
    spaced = json.dumps(EVENT, indent=2).encode()
    (tmp_path / "body.json").write_bytes(spaced)
    (tmp_path / "body.txt").write_bytes(b"not json at all")

    assert main(["sign", "--scheme", "docld", "--secret", SECRET, str(tmp_path / "body.json")]) == 0
    assert main(["sign", "--scheme", "docld", "--secret", SECRET, str(tmp_path / "body.txt")]) == 0

    printed = capsys.readouterr().out.splitlines()
    assert printed == [independent(spaced), independent(b"not json at all")]
