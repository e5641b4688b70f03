"""The Sema4 API as the banner, /_mock/apis and the inspector show it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_server.apis.sema4.domain.model import WorkItem
from mock_server.apis.sema4.http.representation import work_item_json
from mock_server.hosting.resources import ResourceView

if TYPE_CHECKING:
    from mock_server.apis.sema4.runtime import Sema4Runtime


def resource_view(api: Sema4Runtime, item: WorkItem) -> ResourceView:
    return ResourceView(
        api=api.name,
        kind="work item",
        resource_id=item.work_item_id,
        status=item.status,
        created_at=item.created_at,
        updated_at=item.updated_at,
        name=item.display_name,
        tenant=item.tenant_id,
        agent=item.agent_id,
        scenario=item.scenario,
        document=work_item_json(
            item, with_messages=True, url=api.url_of(item), fields=api.profile.item_fields
        ),
    )


def _keys(api: Sema4Runtime) -> tuple[Any, Any]:
    keys = api.fixtures.keys
    writable = next((k for k in keys if k.can_write), keys[0] if keys else None)
    readonly = next((k for k in keys if not k.can_write), None)
    return writable, readonly


def describe(api: Sema4Runtime) -> dict[str, Any]:
    base = api.settings.base_url
    writable, readonly = _keys(api)
    return {
        "name": api.name,
        "title": api.plugin.title,
        "profile": api.profile_name,
        "base_url": f"{base}{api.profile.base_path}",
        "base_urls": [f"{base}{m.prefix}".replace("<tenant_id>", "{tenant}") for m in api.mounts()],
        "contract_url": f"{base}/_mock/apis/{api.name}/openapi.yaml",
        "api_key": writable.key if writable else None,
        "readonly_key": readonly.key if readonly else None,
        "tenant": writable.tenant_id if writable else None,
        "agent_id": api.fixtures.agents[0].agent_id if api.fixtures.agents else None,
        "agents": [a.agent_id for a in api.agents.all()],
        "resources": api.count(),
    }


def _other_mounts(api: Sema4Runtime) -> str:
    prefixes = [m.prefix for m in api.mounts() if m.prefix != api.profile.base_path]
    return ", ".join(p.replace("<tenant_id>", "<tenant>") for p in prefixes)


def banner(api: Sema4Runtime) -> list[str]:
    base = api.settings.base_url
    writable, _ = _keys(api)
    key = (
        f"Authorization: Bearer {writable.key}  (tenant {writable.tenant_id})" if writable else "-"
    )
    return [
        f"{api.plugin.title} ({api.profile_name} profile)",
        f"  endpoint   {base}{api.profile.base_path}/work-items  (also {_other_mounts(api)})",
        f"  API key    {key}",
        f"  agents     {', '.join(a.agent_id for a in api.fixtures.agents)}",
        f"  contract   {base}/openapi.yaml",
        f"  fuzzing    {base}/schemathesis.toml  (for schemathesis --config-file; see README)",
    ]
