"""`workitems-mock replay`: saved captures re-sent with their original headers and body."""

from __future__ import annotations

import io
import json

from mock_server.apis.sema4.signing import SEMA4
from mock_server.cli import main
from mock_server.webhooks.forgery import Tamper, forge
from mock_server.webhooks.receiver import Receiver, ReceiverOptions
from mock_server.webhooks.sender import send
from tests.support.loopback import DeveloperApp, closed_port, serving
from tests.webhooks.test_inbox import CALLBACK

SCHEMES = (SEMA4,)


def captured(tmp_path, *deliveries):
    """A save file written by the capture receiver, as `capture --save` writes it."""
    saved = tmp_path / "captures.jsonl"
    with serving(Receiver(ReceiverOptions(save=saved, schemes=SCHEMES), io.StringIO())) as url:
        for delivery in deliveries:
            send("POST", url + "/hook", delivery.headers, delivery.body, 5)
    return saved


def test_replay_resends_body_and_original_headers(tmp_path, capsys):
    delivery = forge(CALLBACK, "s3cret", Tamper.NONE, SEMA4)
    saved = captured(tmp_path, delivery)
    app = DeveloperApp()

    with serving(app) as url:
        status = main(["replay", str(saved), "--to", url + "/webhook"])

    [(method, path, headers, body)] = app.requests
    assert (method, path, body) == ("POST", "/webhook?", delivery.body)
    assert headers["X-Sema4Ai-Signature"] == delivery.signature
    assert headers["User-Agent"] == SEMA4.user_agent
    assert headers["Content-Type"] == "application/json"
    assert status == 0
    assert "#1 (line 1) POST" in capsys.readouterr().out


def test_a_replayed_capture_still_verifies_at_a_receiver_with_the_secret(tmp_path):
    saved = captured(tmp_path, forge(CALLBACK, "s3cret", Tamper.NONE, SEMA4))
    out = io.StringIO()

    with serving(Receiver(ReceiverOptions(secret="s3cret", schemes=SCHEMES), out)) as url:
        main(["replay", str(saved), "--to", url])

    assert "signature=valid" in out.getvalue()


def test_replay_reports_each_answer_and_fails_when_one_is_not_2xx(tmp_path, capsys):
    saved = captured(tmp_path, *(forge(CALLBACK, "k", Tamper.NONE, SEMA4) for _ in range(2)))

    with serving(DeveloperApp(status=500)) as url:
        status = main(["replay", str(saved), "--to", url])

    out = capsys.readouterr().out
    assert out.count("-> 500 INTERNAL SERVER ERROR") == 2
    assert "0 answered 2xx" in out
    assert status == 1


def test_replay_can_pick_captures_by_id_and_skips_unusable_lines(tmp_path, capsys):
    saved = captured(tmp_path, *(forge(CALLBACK, "k", Tamper.NONE, SEMA4) for _ in range(3)))
    with saved.open("a") as file:
        file.write("not json\n" + json.dumps({"id": 9, "body_truncated": True}) + "\n")
    app = DeveloperApp()

    with serving(app) as url:
        main(["replay", str(saved), "--to", url, "--id", "2", "--id", "9"])

    out = capsys.readouterr().out
    assert len(app.requests) == 1
    assert "#2 (line 2) POST" in out
    assert "line 4: skipped, not JSON" in out
    assert "#9 (line 5): skipped, its body was cut" in out


def test_replay_of_an_unknown_capture_id_says_so(tmp_path, capsys):
    saved = captured(tmp_path, forge(CALLBACK, "k", Tamper.NONE, SEMA4))

    with serving(DeveloperApp()) as url:
        status = main(["replay", str(saved), "--to", url, "--id", "99"])

    assert status == 2
    assert "no such capture #99" in capsys.readouterr().out


def test_replay_to_a_receiver_that_is_down_could_not_be_tested(tmp_path, capsys):
    saved = captured(tmp_path, forge(CALLBACK, "k", Tamper.NONE, SEMA4))

    with closed_port() as url:
        status = main(["replay", str(saved), "--to", url])

    assert status == 2
    assert f"Could not reach {url}" in capsys.readouterr().out
