"""verify uses the control plane (resets, clock) only where `/_mock/health` says it is one."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from werkzeug.serving import make_server
from werkzeug.wrappers import Response

from contracts.control import has_control_plane
from contracts.http import LimitedSession, RateLimiter
from contracts.target import Target


@contextmanager
def answering(status: int, body: str, mimetype: str = "application/json") -> Iterator[str]:
    app = Response(body, status=status, mimetype=mimetype)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def detects(status: int, body: str, mimetype: str = "application/json") -> bool:
    with answering(status, body, mimetype) as base_url:
        target = Target(base_url=base_url, api_key="k", request_timeout=5)
        return has_control_plane(target, LimitedSession(RateLimiter(None)))


@pytest.mark.parametrize(
    "body", [{"status": "ok"}, {"status": "ok", "version": "9.9.9", "profile": "platform"}]
)
def test_the_emulators_health_answer_marks_a_control_plane(body):
    assert detects(200, json.dumps(body))


@pytest.mark.parametrize(
    ("status", "body", "mimetype"),
    [
        (404, '{"error": {"code": "not_found"}}', "application/json"),
        (200, '{"status": "degraded"}', "application/json"),
        (200, '["ok"]', "application/json"),
        (200, "<html>ok</html>", "text/html"),
    ],
)
def test_anything_else_is_a_deployment_without_one(status, body, mimetype):
    assert not detects(status, body, mimetype)
