"""Threada requests over HTTP: a key, tenant context, an idempotency key, the reply's headers."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import requests

from contracts.curl import curl_command
from contracts.http import Exchange, LimitedSession
from contracts.target import Target

MAIN_KEY = object()  # sentinel: the target's key
TENANT_HEADER = "X-Tenant-Id"
CORRELATION_HEADER = "X-Correlation-Id"


@dataclass(frozen=True)
class Reply(Exchange):
    """An exchange and the response headers Threada's promises are about."""

    headers: Mapping[str, str] = field(default_factory=dict)

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    @property
    def error(self) -> dict[str, Any]:
        """The body's `error` object, or {}."""
        error = self.item.get("error")
        return error if isinstance(error, dict) else {}


class ThreadaClient:
    """Sends one request, authenticated with the target's key unless told otherwise."""

    def __init__(self, target: Target, session: LimitedSession, secrets: dict[str, str]) -> None:
        self.target = target
        self.session = session
        self.secrets = {target.api_key: "THREADA_API_KEY", **secrets}

    def call(
        self,
        method: str,
        path: str,
        *,
        operation: str,
        key: object = MAIN_KEY,
        json_body: Any = None,
        params: Mapping[str, Any] | None = None,
        tenant: str | None = None,
        idempotency_key: str | None = None,
        scenario: str | None = None,
    ) -> Reply:
        url = self.target.url(path)
        headers: dict[str, str] = {}
        api_key = self.target.api_key if key is MAIN_KEY else key
        if isinstance(api_key, str):
            headers["Authorization"] = f"Bearer {api_key}"
        if tenant is not None:
            headers[TENANT_HEADER] = tenant
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        if scenario is not None:  # the emulator's simulated decisioning; others ignore it
            headers["Prefer"] = f"scenario={scenario}"
        response = self.session.request(
            method,
            url,
            params=params,
            json=json_body,
            headers=headers,
            timeout=self.target.request_timeout,
        )
        curl = curl_command(
            method,
            response.request.url or url,
            headers,
            json_body=json_body,
            secrets=self.secrets,
        )
        return _reply(method, response, curl, operation)


def _reply(method: str, response: requests.Response, curl: str, operation: str) -> Reply:
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
    try:
        body = response.json() if response.content else None
    except (json.JSONDecodeError, ValueError):
        body = None
    return Reply(
        method=method,
        url=response.url,
        status=response.status_code,
        content_type=content_type,
        body=body,
        text=response.text,
        curl=curl,
        operation=operation,
        headers={name.lower(): value for name, value in response.headers.items()},
    )
