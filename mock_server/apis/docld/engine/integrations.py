"""What an `integration` step sends: slack and e-mail messages into capture inboxes, a
webhook integration's POST through the shared dispatcher."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from mock_server.apis.docld.domain.executions import StepResult
from mock_server.apis.docld.domain.integration_kinds import IntegrationKind
from mock_server.apis.docld.domain.model import Execution, Integration, Step
from mock_server.apis.docld.domain.placeholders import render
from mock_server.apis.docld.domain.service import DocldDomain
from mock_server.webhooks.capture import Incoming
from mock_server.webhooks.dispatcher import Dispatcher
from mock_server.webhooks.inboxes import InboxRegistry

JSON = {"Content-Type": "application/json", "User-Agent": "DocLD-Workflows/1.0"}


def _body(document: Mapping[str, Any]) -> bytes:
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


class IntegrationSender:
    def __init__(
        self, domain: DocldDomain, dispatcher: Dispatcher, inboxes: InboxRegistry,
        kinds: Mapping[str, IntegrationKind], api: str = "",
    ) -> None:  # fmt: skip
        self.domain, self.dispatcher, self.inboxes, self.kinds = domain, dispatcher, inboxes, kinds
        self.api = api

    def send(self, execution: Execution, step: Step, context: Mapping[str, Any]) -> StepResult:
        integration_id = str(step.config.get("integration_id"))
        integration = self.domain.space.integrations.get(integration_id)
        if integration is None or integration.organization_id != execution.organization_id:
            return StepResult("failed", error=f"integration {integration_id} no longer exists")
        template = step.config.get("template") or integration.config.get("template")
        default = f"Workflow {execution.workflow_name}: step {step.id} ran"
        message = render(str(template), context) if template else default
        output = {
            "integration_id": integration.id,
            "integration_type": integration.integration_type,
            "message": message,
        }
        if integration.integration_type == "webhook":
            return self._post(execution, step, integration, message, context, output)
        return self._capture(integration, message, context, output)

    def _capture(
        self, integration: Integration, message: str, context: Mapping[str, Any],
        output: dict[str, Any],
    ) -> StepResult:  # fmt: skip
        """FIDELITY: slack and e-mail are not sent anywhere: they land in a capture inbox,
        where a test reads them (and whose scripted answer can make the step fail)."""
        config = integration.config
        kind = self.kinds[integration.integration_type]
        if integration.integration_type == "slack":
            document: dict[str, Any] = {"channel": config.get("channel"), "text": message}
            path = urlsplit(str(config["webhook_url"])).path or "/"
        else:
            subject = render(str(config.get("subject", "")), context)
            document = {"to": config["to"], "subject": subject, "text": message}
            path = "/email"
        inbox = self.inboxes.get(kind.inbox or f"docld-{kind.name}")
        request = Incoming("POST", path, "", dict(JSON), _body(document))
        capture = inbox.receive(request, self.domain.space.clock.now())
        if not 200 <= capture.answer < 300:
            reason = f"{integration.integration_type} answered {capture.answer}"
            return StepResult("failed", error=reason)
        return StepResult("completed", {**output, "inbox": inbox.name, "capture_id": capture.id})

    def _post(
        self, execution: Execution, step: Step, integration: Integration, message: str,
        context: Mapping[str, Any], output: dict[str, Any],
    ) -> StepResult:  # fmt: skip
        """DEVIATION: always a POST (the shared dispatcher's only method), whatever `method`
        says; the step completes once the delivery is queued, not when it arrives."""
        config = integration.config
        document = {
            "workflow_id": execution.workflow_id,
            "execution_id": execution.id,
            "step_id": step.id,
            "message": message,
            "data": {k: v for k, v in context.items() if k not in ("steps", "trigger")},
        }
        headers = {**JSON, **dict(config.get("headers") or {})}
        delivery = self.dispatcher.enqueue(
            execution.id, f"integration.{step.id}", str(config["url"]), _body(document), headers,
            api=self.api,
        )  # fmt: skip
        return StepResult("completed", {**output, "delivery_id": delivery.delivery_id})
