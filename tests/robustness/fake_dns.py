"""A tiny DNS server that answers A queries from a script, to rebind names on purpose."""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager

A, AAAA = 1, 28


def _question(query: bytes) -> tuple[str, int, int]:
    """The queried name, its type, and where the question section ends."""
    labels, position = [], 12
    while query[position]:
        length = query[position]
        labels.append(query[position + 1 : position + 1 + length].decode("ascii").lower())
        position += 1 + length
    qtype = struct.unpack("!H", query[position + 1 : position + 3])[0]
    return ".".join(labels), qtype, position + 5


def answer(query: bytes, addresses: list[str] | None) -> bytes:
    _, qtype, end = _question(query)
    records = [] if qtype != A else addresses or []
    flags = 0x8180 if addresses is not None else 0x8183  # NOERROR, or NXDOMAIN
    header = query[:2] + struct.pack("!HHHHH", flags, 1, len(records), 0, 0)
    body = b"".join(
        struct.pack("!HHHIH", 0xC00C, A, 1, 0, 4) + socket.inet_aton(address) for address in records
    )
    return header + query[12:end] + body


@contextmanager
def fake_dns(script: dict[str, list[list[str]]], host: str = "127.0.0.1") -> Iterator[list[str]]:
    """Serve on port 53: the Nth A query for a name gets `script[name][N]` (the last repeats).
    Yields the names asked for, in order."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((host, 53))
    asked: list[str] = []
    served: dict[str, int] = {}

    def serve() -> None:
        while True:
            try:
                query, client = sock.recvfrom(2048)
            except OSError:
                return
            name, qtype, _ = _question(query)
            answers = script.get(name)
            chosen = None
            if answers is not None:
                chosen = answers[min(served.get(name, 0), len(answers) - 1)]
                if qtype == A:
                    asked.append(name)
                    served[name] = served.get(name, 0) + 1
            sock.sendto(answer(query, chosen), client)

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield asked
    finally:
        sock.close()
