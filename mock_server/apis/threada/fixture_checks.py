"""Checks Threada's fixture files against each other: every reference names something real."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from urllib.parse import urlsplit

from mock_server.apis.threada.domain.access import Credential
from mock_server.apis.threada.domain.catalog import Catalog
from mock_server.apis.threada.domain.scenarios import Scenario

Problem = tuple[str, str]  # (file name, what is wrong)


def cross_check(
    tenants: Iterable[str],
    credentials: Iterable[Credential],
    catalog: Catalog,
    scenarios: Mapping[str, Scenario],
) -> Problem | None:
    """The first reference that names nothing, or None when all hold."""
    checks = (
        _keys(set(tenants), list(credentials)),
        _workflows(catalog, scenarios),
        _policies(catalog),
        _integrations(catalog),
        _proposals(catalog, scenarios),
    )
    return next((problem for check in checks for problem in check), None)


def _unknown(kind: str, name: str, known: Iterable[str]) -> str:
    return f"unknown {kind} {name!r}; known: {', '.join(sorted(known)) or '(none)'}"


def _keys(tenants: set[str], credentials: list[Credential]) -> Iterator[Problem]:
    seen: set[str] = set()
    for position, credential in enumerate(credentials):
        if credential.key in seen:
            yield "keys.yaml", f"keys.{position}.key: the same key is listed twice"
        seen.add(credential.key)
        for tenant in sorted(credential.tenants - tenants):
            yield "keys.yaml", f"keys.{position}.tenants: {_unknown('tenant', tenant, tenants)}"


def _workflows(catalog: Catalog, scenarios: Mapping[str, Scenario]) -> Iterator[Problem]:
    for workflow in catalog.workflows.values():
        where = f"workflow {workflow.workflow_id}"
        if workflow.policy_set not in catalog.policies:
            yield (
                "workflows.yaml",
                f"{where}: {_unknown('policy_set', workflow.policy_set, catalog.policies)}",
            )
        if workflow.scenario not in scenarios:
            yield "workflows.yaml", f"{where}: {_unknown('scenario', workflow.scenario, scenarios)}"
        for channel in sorted(workflow.channels or ()):
            if channel not in catalog.channels:
                yield "workflows.yaml", f"{where}: {_unknown('channel', channel, catalog.channels)}"


def _policies(catalog: Catalog) -> Iterator[Problem]:
    for policy in catalog.policies.values():
        for action, rule in policy.rules.items():
            where = f"policy {policy.policy_set}, rule {action}"
            if action not in catalog.actions:
                yield "policies.yaml", f"{where}: {_unknown('action', action, catalog.actions)}"
            for name in sorted(rule.integrations or ()):
                if name not in catalog.integrations:
                    yield (
                        "policies.yaml",
                        f"{where}: {_unknown('integration', name, catalog.integrations)}",
                    )


def _integrations(catalog: Catalog) -> Iterator[Problem]:
    for integration in catalog.integrations.values():
        if integration.kind != "webhook":
            continue
        parts = urlsplit(integration.url or "")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            yield (
                "integrations.yaml",
                (
                    f"integration {integration.integration_id}: a webhook needs an absolute "
                    f"http(s) url, not {integration.url!r}"
                ),
            )


def _proposals(catalog: Catalog, scenarios: Mapping[str, Scenario]) -> Iterator[Problem]:
    for scenario in scenarios.values():
        for number, step in enumerate(scenario.steps, start=1):
            target = step.propose.integration_id if step.propose else None
            if target is not None and target not in catalog.integrations:
                where = f"scenario {scenario.name!r}, step {number}"
                yield (
                    "scenarios.yaml",
                    f"{where}: {_unknown('integration', target, catalog.integrations)}",
                )
