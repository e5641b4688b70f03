"""Every DocLD operationId and its handler."""

from __future__ import annotations

from mock_server.apis.docld.http import (
    documents,
    executions,
    integrations,
    schedules,
    webhooks,
    workflows,
)
from mock_server.http.operations import Handler

HANDLERS: dict[str, Handler] = {
    "getHealth": workflows.get_health,
    "listWorkflows": workflows.list_workflows,
    "createWorkflow": workflows.create_workflow,
    "getWorkflow": workflows.get_workflow,
    "updateWorkflow": workflows.update_workflow,
    "deleteWorkflow": workflows.delete_workflow,
    "executeWorkflow": executions.execute_workflow,
    "triggerWorkflowWebhook": executions.trigger_workflow_webhook,
    "listExecutions": executions.list_executions,
    "getSchedule": schedules.get_schedule,
    "createSchedule": schedules.create_schedule,
    "updateSchedule": schedules.update_schedule,
    "deleteSchedule": schedules.delete_schedule,
    "listIntegrations": integrations.list_integrations,
    "createIntegration": integrations.create_integration,
    "updateIntegration": integrations.update_integration,
    "deleteIntegration": integrations.delete_integration,
    "listTemplates": integrations.list_templates,
    "createWorkflowFromTemplate": integrations.create_workflow_from_template,
    "uploadDocument": documents.upload_document,
    "listDocuments": documents.list_documents,
    "getDocument": documents.get_document,
    "listWebhooks": webhooks.list_webhooks,
    "createWebhook": webhooks.create_webhook,
    "getWebhook": webhooks.get_webhook,
    "deleteWebhook": webhooks.delete_webhook,
}
