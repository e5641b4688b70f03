"""JSON calls from the measuring process, over one keep-alive connection per server."""

from __future__ import annotations

import http.client
import json
from typing import Any
from urllib.parse import urlsplit

from benchmarks.model import BenchError
from benchmarks.servers import API_KEY


class Connection:
    """`call` sends JSON with the API key and answers the parsed JSON body (None if empty)."""

    def __init__(self, base_url: str, timeout: float = 30.0) -> None:
        parts = urlsplit(base_url)
        self._http = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=timeout)

    def call(
        self,
        method: str,
        path: str,
        body: object = None,
        headers: dict[str, str] | None = None,
        expect: int = 200,
    ) -> Any:
        data = None if body is None else json.dumps(body).encode()
        sent = {"Authorization": f"Bearer {API_KEY}", **(headers or {})}
        if data is not None:
            sent["Content-Type"] = "application/json"
        try:
            self._http.request(method, path, body=data, headers=sent)
            response = self._http.getresponse()
            raw = response.read()
        except OSError as error:
            raise BenchError(f"{method} {path}: no answer ({error})") from error
        if response.status != expect:
            raise BenchError(f"{method} {path} answered {response.status}: {raw[:300]!r}")
        return json.loads(raw) if raw else None

    def close(self) -> None:
        self._http.close()
