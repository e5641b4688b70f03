"""The suites' HTTP client: one rate-limited session, and a curl line for every request."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import requests

from contracts.curl import curl_command
from contracts.target import Target

DEFAULT_KEY = object()  # sentinel: authenticate with the target's API key
FilePart = tuple[str, bytes, str]  # (file name, content, content type)
Multipart = Mapping[str, str | FilePart]  # a text value, or a file


class RateLimiter:
    """Spaces requests at least 1/N seconds apart, across every thread that shares it."""

    def __init__(
        self,
        per_second: float | None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / per_second if per_second else 0.0
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self) -> None:
        if not self.interval:
            return
        with self._lock:
            now = self._clock()
            start = max(now, self._next)
            self._next = start + self.interval
        if start > now:
            self._sleep(start - now)


class LimitedSession(requests.Session):
    """A requests session that waits for the rate limiter before each request it sends."""

    def __init__(self, limiter: RateLimiter) -> None:
        super().__init__()
        self.limiter = limiter
        self.sent = 0

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        self.limiter.wait()
        self.sent += 1
        return super().send(request, **kwargs)


class Tracker:
    """Ids of the work items a run created, to cancel on a real deployment at the end."""

    def __init__(self) -> None:
        self._ids: dict[str, None] = {}
        self._lock = threading.Lock()

    def add(self, work_item_id: object) -> None:
        if isinstance(work_item_id, str) and work_item_id:
            with self._lock:
                self._ids[work_item_id] = None

    def ids(self) -> list[str]:
        with self._lock:
            return list(self._ids)


@dataclass(frozen=True)
class Exchange:
    """One request and its response, as the suites judge and report it."""

    method: str
    url: str
    status: int
    content_type: str
    body: Any  # parsed JSON, or None when the body is not JSON
    text: str
    curl: str
    operation: str = "-"  # as the spec labels it: "POST /work-items/{work_item_id}/cancel"

    @property
    def item(self) -> dict[str, Any]:
        """The body when it is a JSON object, else {} (so field reads never crash)."""
        return self.body if isinstance(self.body, dict) else {}

    def summary(self) -> str:
        return f"{self.status} {self.content_type or '(no content type)'}: {self.text[:300]}"


class Client:
    """Requests against one target, authenticated with its key unless told otherwise."""

    def __init__(self, target: Target, session: LimitedSession, tracker: Tracker) -> None:
        self.target = target
        self.session = session
        self.tracker = tracker
        self.secrets = {target.api_key: "WORKITEMS_API_KEY"}
        if target.readonly_key:
            self.secrets[target.readonly_key] = "WORKITEMS_READONLY_KEY"

    def call(
        self,
        method: str,
        path: str,
        *,
        operation: str = "-",
        key: object = DEFAULT_KEY,
        json_body: Any = None,
        params: Mapping[str, Any] | None = None,
        multipart: Multipart | None = None,
        headers: Mapping[str, str] | None = None,
        absolute: bool = False,
    ) -> Exchange:
        """Send `method path` (relative to the API root unless `absolute`) and read the answer."""
        url = path if absolute else self.target.url(path)
        sent = dict(headers or {})
        api_key = self.target.api_key if key is DEFAULT_KEY else key
        if isinstance(api_key, str):
            sent["Authorization"] = f"Bearer {api_key}"
        response = self.session.request(
            method,
            url,
            params=params,
            json=json_body,
            files=_requests_parts(multipart) if multipart else None,
            headers=sent,
            timeout=self.target.request_timeout,
        )
        sent_url = response.request.url or url
        curl = curl_command(
            method, sent_url, sent, json_body=json_body, multipart=multipart, secrets=self.secrets
        )
        exchange = _exchange(method, response, curl, operation)
        if method == "POST" and 200 <= exchange.status < 300:
            self.tracker.add(exchange.item.get("work_item_id"))
        return exchange


def _requests_parts(multipart: Multipart) -> dict[str, Any]:
    """Text values become parts without a file name, as `curl -F name=value` sends them."""
    parts: dict[str, Any] = {}
    for name, value in multipart.items():
        parts[name] = (None, value) if isinstance(value, str) else value
    return parts


def _exchange(method: str, response: requests.Response, curl: str, operation: str) -> Exchange:
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
    try:
        body = response.json() if response.content else None
    except json.JSONDecodeError:
        body = None
    return Exchange(
        method=method,
        url=response.url,
        status=response.status_code,
        content_type=content_type,
        body=body,
        text=response.text,
        curl=curl,
        operation=operation,
    )
