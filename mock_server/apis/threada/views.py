"""Threada as the banner, /_mock/apis and the inspector show it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_server.apis.threada.domain.access import SCOPES, Credential
from mock_server.apis.threada.domain.model import WorkItem
from mock_server.apis.threada.domain.records import work_item_json
from mock_server.hosting.resources import ResourceView, Transition

if TYPE_CHECKING:
    from mock_server.apis.threada.runtime import ThreadaRuntime

ACTOR_OF = {"ai": "agent", "human": "client", "system": "system"}  # Transition's vocabulary


def resource_view(api: ThreadaRuntime, item: WorkItem) -> ResourceView:
    return ResourceView(
        api=api.name,
        kind="work item",
        resource_id=item.work_item_id,
        status=item.status,
        created_at=item.created_at,
        updated_at=item.updated_at,
        name=item.workflow_id,
        tenant=item.tenant_id,
        scenario=item.scenario,
        document=work_item_json(item),
    )


def transitions(item: WorkItem) -> list[Transition]:
    """The create, then one transition per receipt, oldest first."""
    created = Transition(item.created_at, None, "new", "create", ACTOR_OF[item.requester.type])
    return [created] + [
        Transition(r.at, r.previous_status, r.status, r.decision, ACTOR_OF[r.actor.type])
        for r in item.receipts
    ]


def main_key(api: ThreadaRuntime) -> Credential | None:
    """The first key with every scope and one tenant: the reference's `<token>` as shipped."""
    keys = api.service.credentials.all()
    full = [k for k in keys if k.scopes == set(SCOPES) and len(k.tenants) == 1]
    return full[0] if full else (keys[0] if keys else None)


def _key_json(key: Credential) -> dict[str, Any]:
    return {
        "name": key.name,
        "key": key.key,
        "tenants": sorted(key.tenants),
        "scopes": [s for s in SCOPES if s in key.scopes],
        "actor": {"type": key.actor.type, "id": key.actor.id},
    }


def describe(api: ThreadaRuntime) -> dict[str, Any]:
    base = api.settings.base_url
    key = main_key(api)
    catalog = api.service.catalog
    return {
        "name": api.name,
        "title": api.plugin.title,
        "profile": api.profile_name,
        "base_url": base,
        "base_urls": [base],
        "contract_url": f"{base}/_mock/apis/{api.name}/openapi.yaml",
        "api_key": key.key if key else None,
        "tenant": sorted(key.tenants)[0] if key and key.tenants else None,
        "tenant_header": "X-Tenant-Id",
        "keys": [_key_json(k) for k in api.service.credentials.all()],
        "tenants": list(api.fixtures.tenants),
        "workflows": sorted(catalog.workflows),
        "channels": sorted(catalog.channels),
        "actions": sorted(catalog.actions),
        "integrations": sorted(catalog.integrations),
        "resources": api.count(),
    }


def banner(api: ThreadaRuntime) -> list[str]:
    base = api.settings.base_url
    key = main_key(api)
    tenant = ", ".join(sorted(key.tenants)) if key else "-"
    credential = f"Authorization: Bearer {key.key}  (tenant {tenant})" if key else "-"
    return [
        f"{api.plugin.title} ({api.profile_name} profile)",
        f"  endpoint   {base}/work-items  (also /actions, /telemetry)",
        f"  API key    {credential}; more keys: GET /_mock/apis/{api.name}",
        f"  workflows  {', '.join(sorted(api.service.catalog.workflows))}",
        f"  contract   {base}/_mock/apis/{api.name}/openapi.yaml",
    ]
