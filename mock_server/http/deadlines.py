"""Sockets that give up at a deadline, however slowly the other side trickles its bytes."""

from __future__ import annotations

import socket
from typing import Any

from mock_server.core.clock import wall_seconds


class ReadDeadlineExpired(TimeoutError):
    """A peer did not send (or take) its bytes before the deadline."""


class DeadlineSocket(socket.socket):
    """A socket whose reads wait at most until `deadline` (wall seconds), and every read or
    write at most `idle` seconds for the next bytes.

    A plain socket timeout bounds each read only, so a peer sending one byte every few seconds
    keeps a connection (and its thread) for ever; the deadline bounds the whole exchange.
    """

    deadline: float | None = None
    idle: float | None = None
    expired: bool = False

    @classmethod
    def adopt(cls, sock: socket.socket) -> DeadlineSocket:
        """The same connection as `sock` (which is detached) with deadlines."""
        timeout = sock.gettimeout()
        adopted = cls(sock.family, sock.type, sock.proto, fileno=sock.detach())
        adopted.settimeout(timeout)
        return adopted

    def expire_in(self, seconds: float | None, idle: float | None = None) -> None:
        """From now on, give up `seconds` from now (None: never) and after `idle` quiet ones."""
        self.deadline = None if seconds is None else wall_seconds() + seconds
        self.idle = idle

    def _arm(self, reading: bool) -> None:
        if not reading or self.deadline is None:
            # Writes wait for the peer to take bytes for `idle` at most, whatever the deadline:
            # an answer held back on purpose (a latency fault) must still go out afterwards.
            if self.idle is not None:
                self.settimeout(self.idle)
            return
        remaining = self.deadline - wall_seconds()
        if remaining <= 0:
            self.expired = True
            raise ReadDeadlineExpired("the deadline passed")
        self.settimeout(min(remaining, self.idle) if self.idle is not None else remaining)

    def _guarded(self, reading: bool, call: Any, *args: Any) -> Any:
        self._arm(reading)
        try:
            return call(*args)
        except TimeoutError:
            self.expired = True
            raise ReadDeadlineExpired("no bytes moved in time") from None

    def recv(self, bufsize: int, flags: int = 0) -> bytes:
        result: bytes = self._guarded(True, super().recv, bufsize, flags)
        return result

    def recv_into(self, buffer: Any, nbytes: int = 0, flags: int = 0) -> int:
        result: int = self._guarded(True, super().recv_into, buffer, nbytes, flags)
        return result

    def send(self, data: Any, flags: int = 0) -> int:
        result: int = self._guarded(False, super().send, data, flags)
        return result

    def sendall(self, data: Any, flags: int = 0) -> None:
        self._guarded(False, super().sendall, data, flags)
