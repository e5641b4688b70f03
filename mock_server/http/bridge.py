"""Serves a WSGI app over granian's RSGI: each request is read whole, within deadlines, first."""

from __future__ import annotations

import asyncio
import io
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from mock_server.http.holds import ASYNC_HOLDS, held_seconds
from mock_server.http.limits import ReadLimits
from mock_server.http.refusals import REFUSAL, Refusal

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
Answer = tuple[int, list[tuple[str, str]], bytes]
DROPPED: Answer = (0, [], b"")  # the app cut the connection (a `drop` fault)

# Headers that WSGI carries outside HTTP_*.
_PLAIN = {"content-type": "CONTENT_TYPE", "content-length": "CONTENT_LENGTH"}


class WsgiBridge:
    """An RSGI app (granian's native interface) in front of a WSGI app.

    Why: granian's WSGI interface hands a request to a Python thread as soon as its headers
    are in, and that thread reads the body with no time limit (granian issue #728, wontfix):
    one client that stops mid-body held the request thread, and with one thread, everything.
    Here the body is read on the event loop, where waiting costs nothing, under `limits`; the
    app sees only whole requests. A body too slow or too large never reaches a view: the app
    is called with a refusal instead, so the answer is its own error envelope, journalled.

    With one request thread the app runs on the event loop itself (measured: a thread hand-off
    per request cost a third of the throughput); paths under `waiting_paths` (a manual clock
    advance that waits for webhook attempts) run in a thread of their own so they never stop
    the loop. With more threads every request runs in a pool of that size. Answers held back
    on purpose (`http.holds`) wait on the loop, not in a thread.
    """

    def __init__(
        self, app: WsgiApp, limits: ReadLimits, threads: int = 1, waiting_paths: Iterable[str] = ()
    ) -> None:
        self.app, self.limits = app, limits
        self._inline = threads <= 1
        self._waiting = tuple(waiting_paths)
        self._pool = ThreadPoolExecutor(max_workers=max(threads, 1), thread_name_prefix="request")

    async def __rsgi__(self, scope: Any, proto: Any) -> None:
        if scope.proto != "http":
            return
        environ = _environ(scope)
        body, refusal = await self._read_body(environ, proto)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))  # a chunked body now has a length
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        if refusal is not None:
            environ[REFUSAL] = refusal
        if self._inline and not environ["PATH_INFO"].startswith(self._waiting):
            status, headers, content = _call(self.app, environ)
        else:
            loop = asyncio.get_running_loop()
            status, headers, content = await loop.run_in_executor(
                self._pool, _call, self.app, environ
            )
        if seconds := held_seconds(environ):
            await asyncio.sleep(seconds)
        if status == 0:
            # Granian cannot close a connection unanswered: a status line goes out, then the
            # connection ends long before the promised body, which every client reports.
            # (With no byte of the body sent, granian may finish it as an empty one.)
            stream = proto.response_stream(200, [("content-length", "64")])
            await stream.send_bytes(b"{")
            return
        if refusal is not None:
            headers.append(("Connection", "close"))  # what is left of that body goes unread
        proto.response_bytes(status, headers, content)

    async def _read_body(self, environ: dict[str, Any], proto: Any) -> tuple[bytes, Refusal | None]:
        declared = environ.get("CONTENT_LENGTH")
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        if not chunked and declared in (None, "", "0"):
            return b"", None
        length = int(declared) if declared and declared.isdigit() else None
        limits = self.limits
        if length is not None and length > limits.max_body_bytes:
            return b"", limits.too_large(length)
        if length is not None:  # granian reads exactly that much: one await, one deadline
            try:
                async with asyncio.timeout(limits.body_seconds(length)):
                    return await proto(), None
            except TimeoutError:
                return b"", limits.too_slow(None, length)
            except Exception:  # the client went away, or sent less than it announced
                return b"", limits.broken(None)
        return await self._read_chunks(proto)

    async def _read_chunks(self, proto: Any) -> tuple[bytes, Refusal | None]:
        """A chunked body: chunk by chunk, each within the idle timeout, all within the
        deadline, and never more than the size limit."""
        limits = self.limits
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limits.body_seconds(None)
        chunks: list[bytes] = []
        received = 0
        stream = proto.__aiter__()
        try:
            async with asyncio.timeout(None) as timer:
                while True:
                    timer.reschedule(min(loop.time() + limits.idle_seconds, deadline))
                    try:
                        chunk = await stream.__anext__()
                    except StopAsyncIteration:
                        return b"".join(chunks), None
                    received += len(chunk)
                    if received > limits.max_body_bytes:
                        return b"", limits.too_large(received)
                    chunks.append(chunk)
        except TimeoutError:
            return b"", limits.too_slow(received, None)
        except Exception:  # the client went away, or the body's framing is broken
            return b"", limits.broken(received)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _environ(scope: Any) -> dict[str, Any]:
    host, _, port = scope.server.rpartition(":")
    client, _, client_port = scope.client.rpartition(":")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": scope.method,
        "SCRIPT_NAME": "",
        # PEP 3333: the decoded path as bytes, each byte one latin-1 character.
        "PATH_INFO": scope.path.encode("utf-8", "surrogateescape").decode("latin-1"),
        "QUERY_STRING": scope.query_string.encode("utf-8", "surrogateescape").decode("latin-1"),
        "SERVER_NAME": host,
        "SERVER_PORT": port,
        "SERVER_PROTOCOL": f"HTTP/{scope.http_version}",
        "REMOTE_ADDR": client,
        "REMOTE_PORT": client_port,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.scheme,
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.input_terminated": True,
        ASYNC_HOLDS: True,
    }
    for name, value in scope.headers.items():
        key = _PLAIN.get(name) or "HTTP_" + name.upper().replace("-", "_")
        environ[key] = f"{environ[key]}, {value}" if key in environ else value
    return environ


def _call(app: WsgiApp, environ: dict[str, Any]) -> Answer:
    """Run the WSGI app to the end and collect its answer (the emulator's answers are small)."""
    started: list[Any] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        started[:] = [int(status.split(" ", 1)[0]), list(headers)]
        return lambda data: None

    result = app(environ, start_response)
    try:
        content = b"".join(result)
    except ConnectionAbortedError:
        return DROPPED
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    # Granian writes the body's own length; a second one from the app would contradict it.
    headers = [(n, v) for n, v in started[1] if n.lower() != "content-length"]
    return started[0], headers, content
