"""DocLD as the banner, /_mock/apis and the inspector show it: executions are what users watch."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_server.apis.docld.domain.keys import DocldKey
from mock_server.apis.docld.domain.model import Document, Execution, Workflow
from mock_server.apis.docld.domain.scenarios import DEFAULT_DOCUMENT, DEFAULT_EXECUTION
from mock_server.apis.docld.domain.views import document_json, execution_json, workflow_json
from mock_server.hosting.resources import ResourceView, Transition

if TYPE_CHECKING:
    from mock_server.apis.docld.runtime import DocldRuntime

ACTORS = {"manual": "client", "webhook": "client", "event": "system", "scheduled": "system"}


def execution_view(api: DocldRuntime, execution: Execution) -> ResourceView:
    moments = [execution.started_at, execution.completed_at]
    moments += [e.completed_at or e.started_at for e in execution.log]
    return ResourceView(
        api=api.name,
        kind="execution",
        resource_id=execution.id,
        status=execution.status,
        created_at=execution.started_at,
        updated_at=max(m for m in moments if m is not None),
        name=execution.workflow_name,
        tenant=execution.organization_id,
        scenario=execution.scenario or DEFAULT_EXECUTION,
        document=execution_json(execution),
    )


def workflow_view(api: DocldRuntime, workflow: Workflow) -> ResourceView:
    return ResourceView(
        api=api.name,
        kind="workflow",
        resource_id=workflow.id,
        status="enabled" if workflow.enabled else "disabled",
        created_at=workflow.created_at,
        updated_at=workflow.updated_at,
        name=workflow.name,
        tenant=workflow.organization_id,
        document=workflow_json(workflow, api.trigger_url(workflow.id)),
    )


def document_view(api: DocldRuntime, document: Document) -> ResourceView:
    return ResourceView(
        api=api.name,
        kind="document",
        resource_id=document.id,
        status=document.status,
        created_at=document.created_at,
        updated_at=document.updated_at,
        name=document.name,
        tenant=document.organization_id,
        scenario=document.scenario or DEFAULT_DOCUMENT,
        document=document_json(document),
    )


def execution_history(execution: Execution) -> list[Transition]:
    """Started, each step's end (the simulated runner's doing), then the end."""
    started = f"{execution.triggered_by} trigger"
    found = [
        Transition(execution.started_at, None, "running", started, ACTORS[execution.triggered_by])
    ]
    for entry in execution.log:
        if entry.completed_at is not None:
            action = f"step {entry.step_id} {entry.status}"
            found.append(Transition(entry.completed_at, "running", "running", action, "agent"))
    if execution.completed_at is not None:
        action = "complete" if execution.status == "completed" else "fail"
        found.append(
            Transition(execution.completed_at, "running", execution.status, action, "agent")
        )
    return found


def _key(api: DocldRuntime) -> DocldKey | None:
    keys = api.fixtures.keys
    return next((k for k in keys if k.tier == "standard" and k.expires_at is None), None) or (
        keys[0] if keys else None
    )


def describe(api: DocldRuntime) -> dict[str, Any]:
    base = api.settings.base_url
    key = _key(api)
    now = api.clock.now()
    return {
        "name": api.name,
        "title": api.plugin.title,
        "profile": api.profile_name,
        "base_url": f"{base}/api",
        "base_urls": [f"{base}{m.prefix}" for m in api.mounts()],
        "contract_url": f"{base}/_mock/apis/{api.name}/openapi.yaml",
        "api_key": key.key if key else None,
        "organization": key.organization_id if key else None,
        "keys": [
            {
                "key": k.key,
                "name": k.name,
                "tier": k.tier,
                "organization_id": k.organization_id,
                "rate_limit_rpm": k.rate_limit_rpm,
                "rate_limit_rpd": k.rate_limit_rpd,
                "expired": k.expires_at is not None and k.expires_at <= now,
            }
            for k in api.domain.keys.all()
        ],
        "inboxes": {name: kind.inbox for name, kind in api.fixtures.kinds.items() if kind.inbox},
        "resources": api.count(),
    }


def banner(api: DocldRuntime) -> list[str]:
    base = api.settings.base_url
    key = _key(api)
    described = (
        f"Authorization: Bearer {key.key}  (organization {key.organization_id}, {key.tier}: "
        f"{key.rate_limit_rpm}/min, {key.rate_limit_rpd}/day)"
        if key
        else "-"
    )
    inboxes = ", ".join(
        f"{name} -> /_mock/inbox/{kind.inbox}"
        for name, kind in api.fixtures.kinds.items()
        if kind.inbox
    )
    return [
        f"{api.plugin.title} ({api.profile_name} profile)",
        f"  endpoints  {base}/api/{{workflows,upload,documents,webhooks}}  (also under /api/v1)",
        f"  health     {base}/api/health  (no key needed)",
        f"  API key    {described}",
        f"  inboxes    {inboxes}",
        f"  contract   {base}/_mock/apis/{api.name}/openapi.yaml",
    ]
