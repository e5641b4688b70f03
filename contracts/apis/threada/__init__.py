"""Threada's WorkItems API (seed 002): governed work items, decisions and actions."""

from __future__ import annotations

from contracts.apis.base import ApiHarness, Profile, api_file, package_suites
from contracts.apis.probe import listing_smoke
from contracts.suites import CONFORMANCE, STATEFUL
from contracts.target import suffixed_root

SUFFIX = ""  # the contract's paths hang off the host's root


def resolve_root(base_url: str) -> str:
    return suffixed_root(base_url, SUFFIX)


def cleanup(ctx: object) -> list[str]:
    return ["Threada has no delete or cancel: work items this run created stay (status new)"]


# conformance and stateful, then this package's lifecycle.py / webhooks.py when they exist.
SUITES = package_suites(__name__, CONFORMANCE, STATEFUL)


HARNESS = ApiHarness(
    name="threada",
    title="Threada WorkItems API",
    resolve_root=resolve_root,
    profiles={
        "documented": Profile(
            "documented",
            spec=api_file("threada", "openapi.yaml"),
            config=api_file("threada", "schemathesis.toml"),
        )
    },
    smoke=listing_smoke("/work-items", "items", "Threada WorkItems API"),
    suites=SUITES,
    default_suites=tuple(SUITES),
    cleanup=cleanup,
)
