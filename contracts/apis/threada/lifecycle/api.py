"""Threada's operations as the contract names them, one method each."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contracts.apis.threada.lifecycle.client import MAIN_KEY, Reply, ThreadaClient
from contracts.http import LimitedSession

# The seed's examples: a workflow that needs a channel, and an action its policy approves.
WORKFLOW = "policy_review"
CHANNEL = "web_main"
ACTION = "request_approval"
INTEGRATION = "int_workflow"
EVIDENCE = {"fallback_reason": "workitems-mock verify: a decision made by the contract suite"}


class ThreadaApi:
    def __init__(
        self,
        client: ThreadaClient,
        marker: Mapping[str, str],
        sessions: list[LimitedSession] | None = None,
    ) -> None:
        self.client = client
        self.marker = dict(marker)  # in every payload, so a run's items can be found
        self.sessions = sessions if sessions is not None else [client.session]

    @property
    def sent(self) -> int:
        """Requests sent, by this API and its siblings."""
        return sum(session.sent for session in self.sessions)

    def sibling(self, session: LimitedSession) -> ThreadaApi:
        """The same API over another session (one per thread: sessions are not thread-safe)."""
        client = self.client
        self.sessions.append(session)
        sibling = ThreadaClient(client.target, session, client.secrets)
        return ThreadaApi(sibling, self.marker, self.sessions)

    def create(
        self,
        *,
        workflow_id: str = WORKFLOW,
        channel_id: str | None = CHANNEL,
        payload: Mapping[str, Any] | None = None,
        scenario: str | None = None,
        key: object = MAIN_KEY,
        tenant: str | None = None,
    ) -> Reply:
        body: dict[str, Any] = {"workflow_id": workflow_id, "payload": {**self.marker}}
        body["payload"].update(payload or {})
        if channel_id is not None:
            body["channel_id"] = channel_id
        return self.client.call(
            "POST",
            "/work-items",
            operation="POST /work-items",
            json_body=body,
            scenario=scenario,
            key=key,
            tenant=tenant,
        )

    def get(self, item_id: str, *, key: object = MAIN_KEY, tenant: str | None = None) -> Reply:
        return self.client.call(
            "GET",
            f"/work-items/{item_id}",
            operation="GET /work-items/{work_item_id}",
            key=key,
            tenant=tenant,
        )

    def list(self, params: Mapping[str, Any] | None = None, *, key: object = MAIN_KEY) -> Reply:
        return self.client.call(
            "GET", "/work-items", operation="GET /work-items", params=params, key=key
        )

    def decide(
        self,
        item_id: str,
        decision: str,
        *,
        evidence: Mapping[str, Any] | None = None,
        key: object = MAIN_KEY,
    ) -> Reply:
        """approve, reject or escalate, with evidence (the contract requires some)."""
        return self.client.call(
            "POST",
            f"/work-items/{item_id}/{decision}",
            operation=f"POST /work-items/{{work_item_id}}/{decision}",
            json_body=dict(EVIDENCE if evidence is None else evidence),
            key=key,
        )

    def execute(
        self,
        item_id: str,
        action_id: str = ACTION,
        integration_id: str = INTEGRATION,
        *,
        idempotency_key: str | None = None,
        key: object = MAIN_KEY,
    ) -> Reply:
        body = {"work_item_id": item_id, "action_id": action_id, "integration_id": integration_id}
        return self.client.call(
            "POST",
            "/actions/execute",
            operation="POST /actions/execute",
            json_body=body,
            idempotency_key=idempotency_key,
            key=key,
        )

    def execution(self, execution_id: str, *, key: object = MAIN_KEY) -> Reply:
        return self.client.call(
            "GET",
            f"/actions/executions/{execution_id}",
            operation="GET /actions/executions/{execution_id}",
            key=key,
        )

    def export(self, params: Mapping[str, Any], *, key: object = MAIN_KEY) -> Reply:
        return self.client.call(
            "GET", "/telemetry/export", operation="GET /telemetry/export", params=params, key=key
        )
