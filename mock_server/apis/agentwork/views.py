"""The Agentwork API as the banner, /_mock/apis and the inspector show it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_server.apis.agentwork.contract import API_PREFIX
from mock_server.apis.agentwork.domain.model import Account, Task
from mock_server.apis.agentwork.http.representation import event_json, task_json
from mock_server.hosting.resources import ResourceView

if TYPE_CHECKING:
    from mock_server.apis.agentwork.runtime import AgentworkRuntime


def resource_view(api: AgentworkRuntime, task: Task) -> ResourceView:
    return ResourceView(
        api=api.name,
        kind="task",
        resource_id=task.task_id,
        status=task.status,
        created_at=task.created_at,
        updated_at=task.last_activity_at,
        name=task.title,
        tenant=task.org_id,
        scenario=task.scenario,
        document={
            **task_json(task),
            "events": [event_json(e) for e in task.events],
            "mock_scenario": task.scenario,
        },
    )


def _first_key(api: AgentworkRuntime) -> tuple[Account, str] | None:
    """The first fixture account with a key, and that key: what a newcomer should use."""
    keys = api.fixtures.plain_keys
    for account in api.fixtures.accounts:
        if account.email in keys:
            return account, keys[account.email]
    return None


def _account_json(api: AgentworkRuntime, account: Account) -> dict[str, Any]:
    organization = account.organization
    return {
        "email": account.email,
        "user_id": account.user_id,
        "organization_id": organization.org_id if organization else None,
        "organization": organization.name if organization else None,
        "api_key": api.fixtures.plain_keys.get(account.email),
        "password": account.password,
        "scenario": account.scenario or api.fixtures.defaults.scenario,
        "daily_credits": account.credits.daily_quota,
    }


def describe(api: AgentworkRuntime) -> dict[str, Any]:
    base = api.settings.base_url
    first = _first_key(api)
    account = first[0] if first else None
    return {
        "name": api.name,
        "title": api.plugin.title,
        "profile": api.profile_name,
        "base_url": f"{base}{API_PREFIX}",
        "base_urls": [f"{base}{API_PREFIX}"],
        "contract_url": f"{base}/_mock/apis/{api.name}/openapi.yaml",
        "api_key": first[1] if first else None,
        "email": account.email if account else None,
        "organization_id": account.organization.org_id
        if account and account.organization
        else None,
        "accounts": [_account_json(api, a) for a in api.fixtures.accounts],
        "scenarios": sorted(api.agent.scenarios),
        "resources": api.count(),
    }


def banner(api: AgentworkRuntime) -> list[str]:
    base = api.settings.base_url
    first = _first_key(api)
    key = "-"
    if first is not None:
        account, secret = first
        key = f"Authorization: Bearer {secret}  ({account.email})"
    return [
        f"{api.plugin.title} ({api.profile_name} profile)",
        f"  endpoint   {base}{API_PREFIX}/tasks/  (also {API_PREFIX}/auth/register, /auth/api-key)",
        f"  API key    {key}",
        f"  scenarios  {', '.join(s.name for s in api.fixtures.scenarios)}",
        f"  contract   {base}/_mock/apis/{api.name}/openapi.yaml",
    ]
