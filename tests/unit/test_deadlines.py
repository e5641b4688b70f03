"""A deadline socket gives up on a peer that trickles, not just on one that stops."""

from __future__ import annotations

import socket
import threading

import pytest

from mock_server.core.clock import stopwatch
from mock_server.http.deadlines import DeadlineSocket, ReadDeadlineExpired


def read_forever(sock: socket.socket) -> None:
    while True:
        sock.recv(1)


def test_a_peer_trickling_bytes_is_cut_off_at_the_deadline_not_after_each_byte():
    ours, theirs = socket.socketpair()
    sock = DeadlineSocket.adopt(ours)
    stop = threading.Event()

    def trickle() -> None:
        while not stop.wait(0.05):
            try:
                theirs.send(b"x")
            except OSError:
                return

    threading.Thread(target=trickle, daemon=True).start()
    sock.expire_in(0.5, idle=5)
    elapsed = stopwatch()
    try:
        with pytest.raises(ReadDeadlineExpired):
            read_forever(sock)
    finally:
        stop.set()
        sock.close()
        theirs.close()

    assert elapsed() < 3
    assert sock.expired


def test_writes_wait_only_for_the_idle_timeout_never_the_read_deadline():
    ours, theirs = socket.socketpair()
    sock = DeadlineSocket.adopt(ours)
    sock.expire_in(0.0, idle=1)
    try:
        sock.sendall(b"an answer held back past the read deadline still goes out")
        assert theirs.recv(100).startswith(b"an answer")
    finally:
        sock.close()
        theirs.close()
