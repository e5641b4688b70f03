"""Raw HTTP for the robustness suite: requests exactly as a misbehaving client sends them."""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

KEY = "local-dev-key"


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def error(self) -> dict[str, Any]:
        error: dict[str, Any] = self.json()["error"]
        return error


def connect(base_url: str, timeout: float = 10) -> socket.socket:
    host, port = base_url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=timeout)


def head_of(method: str, path: str, headers: dict[str, str]) -> bytes:
    lines = [
        f"{method} {path} HTTP/1.1",
        "Host: emulator",
        *(f"{k}: {v}" for k, v in headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def read_answer(sock: socket.socket) -> Answer | None:
    """The answer on `sock`, or None when the server closed it without one."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {
        k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])
    }
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return Answer(int(lines[0].split()[1]), headers, body)


def raw(base_url: str, method: str, path: str, body: bytes, headers: dict[str, str]) -> Answer:
    with connect(base_url) as sock:
        sock.sendall(head_of(method, path, {"Content-Length": str(len(body)), **headers}) + body)
        answer = read_answer(sock)
    assert answer is not None, f"{method} {path}: no answer"
    return answer


def call(base_url: str, method: str, path: str, body: Any = None, timeout: float = 10) -> Any:
    """A well-behaved JSON call; answers the parsed body (raises on an error status)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base_url + path, data=data, method=method)
    request.add_header("Authorization", f"Bearer {KEY}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        text = response.read()
        return json.loads(text) if text else None


def health_seconds(base_url: str, timeout: float = 10) -> float:
    """How long another, well-behaved client waits for an answer right now."""
    started = time.monotonic()
    with urllib.request.urlopen(f"{base_url}/_mock/health", timeout=timeout) as response:
        assert response.status == 200
    return time.monotonic() - started


def state(base_url: str) -> bytes:
    with urllib.request.urlopen(f"{base_url}/_mock/state", timeout=10) as response:
        body: bytes = response.read()
        return body


def error_of(failure: urllib.error.HTTPError) -> dict[str, Any]:
    error: dict[str, Any] = json.load(failure)["error"]
    return error
