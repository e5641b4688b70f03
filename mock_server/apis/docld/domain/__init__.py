"""DocLD's pure domain: workflows, executions, schedules, documents, webhooks, rate limits."""
