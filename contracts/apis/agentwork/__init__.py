"""Agentwork's Tasks API (seed 003): a task, a human answering its questions and approvals."""

from __future__ import annotations

from contracts.apis.base import ApiHarness, Profile, api_file, package_suites
from contracts.apis.probe import closing_tracked, listing_smoke, track_created
from contracts.suites import CONFORMANCE, STATEFUL
from contracts.target import suffixed_root

SUFFIX = "/api/v1"  # the contract's server path


def resolve_root(base_url: str) -> str:
    return suffixed_root(base_url, SUFFIX)


# conformance and stateful, then this package's lifecycle.py / webhooks.py when they exist.
SUITES = package_suites(__name__, CONFORMANCE, STATEFUL)


HARNESS = ApiHarness(
    name="agentwork",
    title="Agentwork Tasks API",
    resolve_root=resolve_root,
    profiles={
        "agent-guide": Profile(
            "agent-guide",
            spec=api_file("agentwork", "openapi.yaml"),
            config=api_file("agentwork", "schemathesis.toml"),
        )
    },
    smoke=listing_smoke("/tasks/", "tasks", "Agentwork Tasks API"),
    suites=SUITES,
    default_suites=tuple(SUITES),
    # A task on the real service spends credits and sets a person's agent to work: cancel it.
    cleanup=closing_tracked("POST", "/tasks/{id}/cancel", "tasks"),
    schema_hooks=track_created("POST", "/tasks/", "task_id"),
)
