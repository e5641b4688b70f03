"""DocLD's Workflows API (seed 004): workflows, their executions, documents and webhooks."""

from __future__ import annotations

from contracts.apis.base import ApiHarness, Profile, api_file, package_suites
from contracts.apis.docld.schema_hooks import install_hooks
from contracts.apis.probe import closing_tracked, listing_smoke
from contracts.suites import CONFORMANCE, STATEFUL
from contracts.target import suffixed_root

SUFFIX = "/api"  # the contract's server path


def resolve_root(base_url: str) -> str:
    return suffixed_root(base_url, SUFFIX)


# conformance and stateful, then this package's lifecycle.py / webhooks.py when they exist.
SUITES = package_suites(__name__, CONFORMANCE, STATEFUL)


HARNESS = ApiHarness(
    name="docld",
    title="DocLD Workflows API",
    resolve_root=resolve_root,
    profiles={
        "documented": Profile(
            "documented",
            spec=api_file("docld", "openapi.yaml"),
            config=api_file("docld", "schemathesis.toml"),
        )
    },
    smoke=listing_smoke("/workflows", "workflows", "DocLD Workflows API"),
    suites=SUITES,
    default_suites=tuple(SUITES),
    cleanup=closing_tracked("DELETE", "/workflows/{id}", "workflows"),
    schema_hooks=install_hooks,
)
