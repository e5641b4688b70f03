"""On the in-process server (testing.py, the pytest plugin), a stalled client costs only its
own connection, and refusals the server makes itself come back in the envelope."""

from __future__ import annotations

import json
import socket
import urllib.request
from collections.abc import Iterator

import pytest

from mock_server import create_app
from mock_server.core.clock import ClockMode, stopwatch
from mock_server.http.limits import ReadLimits
from mock_server.settings import Settings
from mock_server.testing import BackgroundServer, serve_in_background

KEY = "Authorization: Bearer local-dev-key\r\n"


@pytest.fixture
def served() -> Iterator[BackgroundServer]:
    def build(port: int):
        return create_app(Settings(port=port, clock_mode=ClockMode.MANUAL))

    server = serve_in_background(build, ReadLimits(idle_seconds=0.5))
    yield server
    server.stop()


def connect(server: BackgroundServer) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.server.server_port), timeout=5)
    return sock


def answer(sock: socket.socket) -> tuple[int, dict]:
    data = b""
    while b"\r\n\r\n" not in data or len(data.split(b"\r\n\r\n", 1)[1]) < _length(data):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body) if body else {}


def _length(data: bytes) -> int:
    for line in data.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":")[1])
    return 0


def health_seconds(server: BackgroundServer) -> float:
    elapsed = stopwatch()
    with urllib.request.urlopen(f"{server.base_url}/_mock/health", timeout=5) as response:
        assert response.status == 200
    return elapsed()


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/api/v1/work-items", "application/json"),
        ("/_mock/inbox/stalled", "application/json"),
        ("/storage/uploads/f-1", "multipart/form-data; boundary=b"),
        ("/_mock/reset", "application/json"),
    ],
)
def test_a_body_that_stops_half_way_is_408_in_the_envelope_and_blocks_no_one(
    served, path, media_type
):
    stalled = [connect(served) for _ in range(4)]
    try:
        for sock in stalled:
            sock.sendall(
                f"POST {path} HTTP/1.1\r\nHost: x\r\n{KEY}Content-Type: {media_type}\r\n"
                "Content-Length: 1000\r\n\r\n--b\r\n".encode()
            )

        assert health_seconds(served) < 2
        status, body = answer(stalled[0])
    finally:
        for sock in stalled:
            sock.close()

    assert status == 408
    assert body["error"]["code"] == "request_timeout"


def test_a_header_block_that_never_ends_is_cut_off(served):
    sock = connect(served)
    sock.sendall(b"GET /api/v1/work-items HTTP/1.1\r\nHost: x\r\n")
    elapsed = stopwatch()

    assert health_seconds(served) < 2
    assert sock.recv(100) == b""  # closed, without an answer
    assert elapsed() < 4
    sock.close()


def test_a_malformed_request_line_is_refused_in_the_envelope(served):
    sock = connect(served)
    sock.sendall(b"GET /x HTTP/9.9 extra\r\n\r\n")

    status, body = answer(sock)

    assert status == 400
    assert body["error"]["code"] == "bad_request"
    assert body["error"]["error_id"]
    sock.close()


def test_a_chunked_body_over_the_limit_is_refused_not_cut(served):
    sock = connect(served)
    chunk = b'{"agent_id": "invoice_processing_agent", "payload": {"x": "' + b"y" * 200_000 + b'"}}'
    sock.sendall(
        f"POST /api/v1/work-items HTTP/1.1\r\nHost: x\r\n{KEY}Content-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n".encode()
        + f"{len(chunk):x}\r\n".encode()
        + chunk
        + b"\r\n0\r\n\r\n"
    )

    status, body = answer(sock)

    assert status == 400
    assert "too large" in body["error"]["message"] or "exceeds" in body["error"]["message"]
    sock.close()
