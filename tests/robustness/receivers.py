"""A webhook receiver that reads each request and resets the connection without answering."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def resetting(host: str = "127.0.0.1") -> Iterator[tuple[str, list[bytes]]]:
    """Reads each request, then drops the connection without answering (RST)."""
    listener = socket.create_server((host, 0))
    seen: list[bytes] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                seen.append(conn.recv(65536))
                conn.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                )

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"http://{host}:{listener.getsockname()[1]}/hook", seen
    finally:
        listener.close()
