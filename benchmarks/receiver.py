"""A loopback webhook receiver for the benchmarks: notes when each delivery arrived.

A bare WSGI app on granian (the emulator's own server settings), in its own process, so its
work never competes with the measuring process for a GIL. POST anything: 204, and the wall
time of arrival is kept with the body. GET /count: how many arrived. GET /arrivals: all of
them, `[[unix seconds, body text], ...]`. DELETE /arrivals: forget them.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

StartResponse = Callable[[str, list[tuple[str, str]]], Any]

_arrivals: list[tuple[float, bytes]] = []
_lock = threading.Lock()


def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    arrived = time.time()  # first thing: the moment the request reached the application
    method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
    if method == "POST":
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        with _lock:
            _arrivals.append((arrived, body))
        return _answer(start_response, "204 No Content", b"")
    if method == "GET" and path == "/count":
        with _lock:
            count = len(_arrivals)
        return _answer(start_response, "200 OK", json.dumps({"count": count}).encode())
    if method == "GET":
        with _lock:
            kept = list(_arrivals)
        rows = [[at, body.decode("utf-8", "replace")] for at, body in kept]
        return _answer(start_response, "200 OK", json.dumps(rows).encode())
    if method == "DELETE":
        with _lock:
            _arrivals.clear()
        return _answer(start_response, "204 No Content", b"")
    return _answer(start_response, "405 Method Not Allowed", b"")


def _answer(start_response: StartResponse, status: str, body: bytes) -> list[bytes]:
    headers = [("Content-Type", "application/json")] if body else []
    start_response(status, [*headers, ("Content-Length", str(len(body)))])
    return [body]


def main() -> None:
    from granian import Granian

    from mock_server.serving import granian_options

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    server = Granian("benchmarks.receiver:load", **granian_options("127.0.0.1", args.port, 10.0))
    server.serve(target_loader=load, wrap_loader=False)


def load() -> Any:
    """Granian's loader (in the worker): the receiver behind the bridge `serve` uses."""
    from mock_server.serving import DEFAULT_THREADS, bridge

    return bridge(app, DEFAULT_THREADS)


if __name__ == "__main__":
    main()
