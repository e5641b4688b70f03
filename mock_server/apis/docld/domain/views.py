"""DocLD's JSON of each record: what the API answers and what events carry."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mock_server.apis.docld.domain.model import (
    Document,
    Execution,
    Integration,
    Schedule,
    Step,
    StepLog,
    Subscription,
    Template,
    Trigger,
    Workflow,
)
from mock_server.apis.docld.domain.rules import trigger_config
from mock_server.core.clock import isoformat_z


def _at(instant: datetime | None) -> str | None:
    return isoformat_z(instant) if instant is not None else None


def trigger_json(trigger: Trigger, trigger_url: str | None = None) -> dict[str, Any]:
    config = trigger_config(trigger)
    if trigger.type == "webhook" and trigger_url is not None:
        config["webhook_url"] = trigger_url
    return config


def step_json(step: Step) -> dict[str, Any]:
    document: dict[str, Any] = {"id": step.id, "type": step.type, "config": dict(step.config)}
    if step.name is not None:
        document["name"] = step.name
    return document


def workflow_json(workflow: Workflow, trigger_url: str | None = None) -> dict[str, Any]:
    return {
        "id": workflow.id,
        "name": workflow.name,
        "description": workflow.description,
        "trigger_type": workflow.trigger.type,
        "trigger_config": trigger_json(workflow.trigger, trigger_url),
        "enabled": workflow.enabled,
        "created_at": isoformat_z(workflow.created_at),
        "definition": {"steps": [step_json(s) for s in workflow.steps]},
        "updated_at": isoformat_z(workflow.updated_at),
    }


def step_log_json(entry: StepLog) -> dict[str, Any]:
    return {
        "step_id": entry.step_id,
        "type": entry.type,
        "status": entry.status,
        "duration_ms": entry.duration_ms,
        "started_at": isoformat_z(entry.started_at),
        "completed_at": _at(entry.completed_at),
        "output": dict(entry.output) if entry.output is not None else None,
        "error": entry.error,
    }


def execution_json(execution: Execution) -> dict[str, Any]:
    return {
        "id": execution.id,
        "workflow_id": execution.workflow_id,
        "status": execution.status,
        "triggered_by": execution.triggered_by,
        "trigger_data": dict(execution.trigger_data),
        "started_at": isoformat_z(execution.started_at),
        "completed_at": _at(execution.completed_at),
        "error": execution.error,
        "execution_log": [step_log_json(e) for e in execution.log],
    }


def schedule_json(schedule: Schedule) -> dict[str, Any]:
    return {
        "workflow_id": schedule.workflow_id,
        "cron_expression": schedule.cron_expression,
        "timezone": schedule.timezone,
        "enabled": schedule.enabled,
        "next_run_at": _at(schedule.next_run_at),
        "last_run_at": _at(schedule.last_run_at),
        "created_at": isoformat_z(schedule.created_at),
        "updated_at": isoformat_z(schedule.updated_at),
    }


def integration_json(integration: Integration) -> dict[str, Any]:
    return {
        "id": integration.id,
        "workflow_id": integration.workflow_id,
        "name": integration.name,
        "integration_type": integration.integration_type,
        "config": dict(integration.config),
        "created_at": isoformat_z(integration.created_at),
        "updated_at": isoformat_z(integration.updated_at),
    }


def template_json(template: Template) -> dict[str, Any]:
    return {
        "id": template.id,
        "name": template.name,
        "description": template.description,
        "category": template.category,
        "trigger_type": template.trigger.type,
        "trigger_config": trigger_json(template.trigger),
        "definition": {"steps": [step_json(s) for s in template.steps]},
    }


def document_json(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "name": document.name,
        "file_type": document.file_type,
        "mime_type": document.mime_type,
        "size_bytes": document.size_bytes,
        "status": document.status,
        "knowledge_base_id": document.knowledge_base_id,
        "organization_id": document.organization_id,
        "pages": document.pages,
        "created_at": isoformat_z(document.created_at),
        "updated_at": isoformat_z(document.updated_at),
        "error": document.error,
    }


def subscription_json(subscription: Subscription, *, with_secret: bool) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": subscription.id,
        "url": subscription.url,
        "events": list(subscription.events),
        "enabled": subscription.enabled,
        "created_at": isoformat_z(subscription.created_at),
    }
    if with_secret:
        document["secret"] = subscription.secret
    return document
