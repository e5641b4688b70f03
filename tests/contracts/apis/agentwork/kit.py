"""Running the Agentwork lifecycle suite against an in-process emulator, as verify would."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask

from contracts.apis.agentwork.lifecycle import run_lifecycle
from contracts.context import Options, RunContext
from contracts.results import SuiteResult
from contracts.target import Target, suffixed_root
from mock_server import create_app
from mock_server.core.clock import ClockMode
from mock_server.settings import Settings
from mock_server.testing import serve_in_background

DEV_KEY = "aw_live_LocalDevKey0000000000000000000"  # fixtures/agentwork/keys.yaml
TEAMMATE_KEY = "aw_live_LocalTeammateKey000000000000000"  # its tasks ask a question first
ACME_KEY = "aw_live_AcmeDevKey00000000000000000000"  # its account may create 2 tasks a day


def run_agentwork_lifecycle(
    base_url: str, *, control_plane: bool = True, poll_timeout: float = 120.0, key: str = DEV_KEY
) -> SuiteResult:
    target = Target(
        base_url=base_url,
        api_key=key,
        poll_timeout=poll_timeout,
        resolve_root=lambda url: suffixed_root(url, "/api/v1"),
    )
    ctx = RunContext(
        target, Options(max_examples=5, seed=1), control_plane=control_plane, agent_id=None
    )
    return run_lifecycle(ctx)


def describe(result: SuiteResult) -> str:
    """Every violation and skip, one a line, for an assertion message."""
    lines = [f"{v.check}: expected {v.expected}; actual {v.actual}" for v in result.violations]
    lines += [f"skipped {o.name}: {o.skipped}" for o in result.skipped]
    return "\n".join(lines)


def checks(result: SuiteResult) -> set[str]:
    return {violation.check for violation in result.violations}


@contextmanager
def emulator_in_profile(profile: str) -> Iterator[str]:
    """An emulator (manual clock) whose Agentwork API runs `profile`; yields its base URL."""

    def build(port: int) -> Flask:
        settings = Settings(
            seed=7,
            clock_mode=ClockMode.MANUAL,
            public_url=f"http://127.0.0.1:{port}",
            profiles=(("agentwork", profile),),
        )
        return create_app(settings)

    served = serve_in_background(build)
    try:
        yield served.base_url
    finally:
        served.stop()
