"""The DocLD Workflows API: workflows, executions, schedules, integrations and webhooks."""
