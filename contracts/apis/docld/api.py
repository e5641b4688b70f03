"""DocLD over HTTP for the suites: labelled calls, answer headers kept, and what a run made."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import requests

from contracts.curl import curl_command
from contracts.http import Exchange, LimitedSession
from contracts.target import Target

ANY_KEY = object()  # sentinel: authenticate with the target's key
REQUEST_ID = "x-request-id"


@dataclass(frozen=True)
class Answer:
    """An exchange with the answer's headers (names in lower case), which DocLD promises."""

    exchange: Exchange
    headers: dict[str, str]

    @property
    def status(self) -> int:
        return self.exchange.status

    @property
    def item(self) -> dict[str, Any]:
        return self.exchange.item

    def record(self, name: str) -> dict[str, Any]:
        """The object a DocLD answer wraps under `name` (`workflow`, `schedule`...), or {}."""
        inner = self.item.get(name)
        return inner if isinstance(inner, dict) else {}


@dataclass
class Made:
    """Everything a run created, deleted again at the end (newest first)."""

    workflows: list[str] = field(default_factory=list)
    integrations: list[str] = field(default_factory=list)
    webhooks: list[str] = field(default_factory=list)


class DocldApi:
    """Calls relative to the API root (`.../api`); every answer is remembered, so a suite can
    say which ones came without `x-request-id`."""

    def __init__(self, target: Target, session: LimitedSession) -> None:
        self.target, self.session = target, session
        self.secrets = {target.api_key: "DOCLD_API_KEY"}
        self.without_request_id: list[Exchange] = []
        self.made = Made()

    def call(
        self,
        method: str,
        path: str,
        operation: str,
        *,
        body: Any = None,
        params: Mapping[str, str] | None = None,
        key: object = ANY_KEY,
    ) -> Answer:
        url = self.target.url(path)
        sent: dict[str, str] = {}
        api_key = self.target.api_key if key is ANY_KEY else key
        if isinstance(api_key, str):
            sent["Authorization"] = f"Bearer {api_key}"
        response = self.session.request(
            method, url, params=params, json=body, headers=sent,
            timeout=self.target.request_timeout,
        )  # fmt: skip
        curl = curl_command(
            method, response.request.url or url, sent, json_body=body, secrets=self.secrets
        )
        answer = Answer(_exchange(method, response, curl, operation), _headers(response))
        if not answer.headers.get(REQUEST_ID):
            self.without_request_id.append(answer.exchange)
        return answer

    # -- what the suites create, so that it can be removed ----------------------------------

    def create_workflow(self, document: dict[str, Any]) -> Answer:
        answer = self.call("POST", "/workflows", "POST /workflows", body=document)
        self._remember(self.made.workflows, answer.record("workflow"))
        return answer

    def create_integration(self, document: dict[str, Any]) -> Answer:
        operation = "POST /workflows/integrations"
        answer = self.call("POST", "/workflows/integrations", operation, body=document)
        self._remember(self.made.integrations, answer.record("integration"))
        return answer

    def create_from_template(self, document: dict[str, Any]) -> Answer:
        operation = "POST /workflows/templates"
        answer = self.call("POST", "/workflows/templates", operation, body=document)
        self._remember(self.made.workflows, answer.record("workflow"))
        return answer

    def subscribe(self, document: dict[str, Any]) -> Answer:
        answer = self.call("POST", "/webhooks", "POST /webhooks", body=document)
        self._remember(self.made.webhooks, answer.record("webhook"))
        return answer

    def delete_workflow(self, workflow_id: str) -> Answer:
        path = f"/workflows/{workflow_id}"
        return self.call("DELETE", path, "DELETE /workflows/{workflow_id}")

    def delete_integration(self, integration_id: str) -> Answer:
        operation = "DELETE /workflows/integrations"
        params = {"id": integration_id}
        return self.call("DELETE", "/workflows/integrations", operation, params=params)

    def execute(self, workflow_id: str, trigger_data: dict[str, Any]) -> Answer:
        path = f"/workflows/{workflow_id}/execute"
        body = {"trigger_data": trigger_data}
        return self.call("POST", path, "POST /workflows/{workflow_id}/execute", body=body)

    def executions(self, workflow_id: str, execution_id: str | None = None) -> Answer:
        path = f"/workflows/{workflow_id}/executions"
        params = {"execution_id": execution_id} if execution_id else None
        return self.call("GET", path, "GET /workflows/{workflow_id}/executions", params=params)

    def cleanup(self) -> list[str]:
        """Delete what the run made (webhooks first, so nothing more is sent); what could not
        be deleted, as sentences for the report."""
        left: list[str] = []
        for webhook_id in reversed(self.made.webhooks):
            self._drop("webhook", f"/webhooks/{webhook_id}", None, left)
        for workflow_id in reversed(self.made.workflows):
            self._drop("workflow", f"/workflows/{workflow_id}", None, left)
        for integration_id in reversed(self.made.integrations):
            self._drop("integration", "/workflows/integrations", {"id": integration_id}, left)
        self.made = Made()
        return left

    def _drop(
        self, kind: str, path: str, params: Mapping[str, str] | None, left: list[str]
    ) -> None:
        try:
            answer = self.call("DELETE", path, f"DELETE {kind}", params=params)
        except requests.RequestException as error:
            left.append(f"{kind} {path}: {error}")
            return
        if answer.status not in (200, 204, 404):  # 404: deleted already, by the suite itself
            left.append(f"{kind} {path} {params or ''}: {answer.exchange.summary()}")

    @staticmethod
    def _remember(ids: list[str], record: dict[str, Any]) -> None:
        if isinstance(record.get("id"), str):
            ids.append(record["id"])


def _headers(response: requests.Response) -> dict[str, str]:
    return {name.lower(): value for name, value in response.headers.items()}


def _exchange(method: str, response: requests.Response, curl: str, operation: str) -> Exchange:
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
    try:
        body = response.json() if response.content else None
    except ValueError:
        body = None
    return Exchange(
        method=method, url=response.url, status=response.status_code,
        content_type=content_type, body=body, text=response.text, curl=curl,
        operation=operation,
    )  # fmt: skip
