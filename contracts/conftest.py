"""Run the suites with pytest: `pytest contracts --base-url URL --api-key KEY`.

Every option also reads an environment variable, so CI can keep keys out of command lines.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from contracts.apis import DEFAULT_API, UnknownApi, harness
from contracts.apis.base import ApiHarness
from contracts.context import DEFAULT_MAX_EXAMPLES, Options, RunContext
from contracts.results import SuiteResult
from contracts.runner import prepare, random_seed
from contracts.suites import SuiteError
from contracts.target import Target, TargetError

OPTIONS = {  # option -> (environment variable, help)
    "--api": ("WORKITEMS_API", f"the API to verify (default {DEFAULT_API})"),
    "--profile": ("WORKITEMS_PROFILE", "the API's profile (default: its first)"),
    "--base-url": ("WORKITEMS_BASE_URL", "endpoint URL or API root of the target"),
    "--api-key": ("WORKITEMS_API_KEY", "API key"),
    "--agent-id": ("WORKITEMS_AGENT_ID", "agent to assign work items to"),
    "--readonly-key": ("WORKITEMS_READONLY_KEY", "a read-only API key"),
    "--max-examples": ("WORKITEMS_MAX_EXAMPLES", "generated cases per operation"),
    "--seed": ("WORKITEMS_SEED", "seed for generated data"),
    "--rate-limit": ("WORKITEMS_RATE_LIMIT", "at most N requests per second"),
    "--poll-timeout": ("WORKITEMS_POLL_TIMEOUT", "seconds to wait for a real agent"),
}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("contracts", "workitems-mock contract suites")
    for option, (variable, text) in OPTIONS.items():
        group.addoption(option, default=os.environ.get(variable), help=f"{text} (${variable})")


def chosen_api(config: pytest.Config) -> ApiHarness:
    """The harness --api names, its --profile checked; a bad name stops the session."""
    try:
        api = harness(config.getoption("--api") or DEFAULT_API)
        api.profile(config.getoption("--profile"))
    except (UnknownApi, SuiteError) as error:
        pytest.exit(f"contracts: {error}", returncode=4)
    return api


def _target(config: pytest.Config) -> Target:
    base_url, api_key = config.getoption("--base-url"), config.getoption("--api-key")
    if not base_url or not api_key:
        pytest.exit(
            "contracts: pass --base-url and --api-key (or WORKITEMS_BASE_URL and "
            "WORKITEMS_API_KEY)",
            returncode=4,
        )
    rate, poll = config.getoption("--rate-limit"), config.getoption("--poll-timeout")
    try:
        return Target(
            base_url=base_url,
            api_key=api_key,
            agent_id=config.getoption("--agent-id"),
            readonly_key=config.getoption("--readonly-key"),
            rate_limit=int(rate) if rate else None,
            poll_timeout=float(poll) if poll else 120.0,
            resolve_root=chosen_api(config).resolve_root,
        )
    except TargetError as error:
        pytest.exit(f"contracts: {error}", returncode=4)


@pytest.fixture(scope="session")
def run_context(pytestconfig: pytest.Config) -> Iterator[RunContext]:
    """The target after its smoke test; a wrong key or URL stops the session, never passes."""
    examples, seed = pytestconfig.getoption("--max-examples"), pytestconfig.getoption("--seed")
    options = Options(
        max_examples=int(examples) if examples else DEFAULT_MAX_EXAMPLES,
        seed=int(seed) if seed else random_seed(),
    )
    api, profile = chosen_api(pytestconfig), pytestconfig.getoption("--profile")
    ctx = prepare(_target(pytestconfig), options, api, profile)
    if isinstance(ctx, str):
        pytest.exit(f"contracts: could not verify: {ctx}", returncode=2)
    yield ctx
    if not ctx.control_plane:
        api.cleanup(ctx)


@pytest.fixture(scope="session")
def conformance_result(run_context: RunContext) -> SuiteResult:
    from contracts.conformance import run_conformance

    return run_conformance(run_context)
