"""Sema4.ai's Work Item API: the documented profile (seed 000) and the running platform's."""

from __future__ import annotations

from contracts.apis.base import ApiHarness, Profile, api_file, top_level
from contracts.apis.sema4.platform import PLATFORM_AGENT, PLATFORM_SUITES
from contracts.checks import PROJECT_CHECKS
from contracts.cleanup import cancel_leftovers
from contracts.roots import resolve_base_url
from contracts.schema_loader import install_sema4_hooks
from contracts.smoke import smoke_test
from contracts.suites import DEFAULT_SUITES, SUITES
from contracts.target import EMULATOR_AGENT, api_root


def locate(base_url: str, api_key: str, timeout: float) -> str:
    return resolve_base_url(base_url, api_key, timeout=timeout)


HARNESS = ApiHarness(
    name="sema4",
    title="Sema4.ai Work Item API",
    resolve_root=api_root,
    profiles={
        "documented": Profile(
            "documented",
            spec=top_level("openapi.yaml"),
            config=top_level("schemathesis.toml"),
            checks=PROJECT_CHECKS,
        ),
        # Derived from openapi.yaml and its overlay by mock_server/apis/sema4/derive.py and
        # checked in (a test fails when it is stale), so contracts reads it as a data file.
        "platform": Profile(
            "platform",
            spec=top_level("openapi.platform.yaml"),
            config=api_file("sema4", "schemathesis.platform.toml"),
            checks=PROJECT_CHECKS,
            suites=PLATFORM_SUITES,
            default_suites=tuple(PLATFORM_SUITES),
            emulator_agent=PLATFORM_AGENT,
        ),
    },
    smoke=smoke_test,
    suites=SUITES,  # the same dict: a suite added there is known here
    default_suites=DEFAULT_SUITES,
    cleanup=cancel_leftovers,
    locate=locate,
    schema_hooks=install_sema4_hooks,
    emulator_agent=EMULATOR_AGENT,
)
