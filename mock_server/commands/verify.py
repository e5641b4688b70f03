"""`workitems-mock verify`: check the emulator or any deployment against the contract."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

from mock_server.commands import add_command

EXIT_PASSED, EXIT_VIOLATED, EXIT_UNVERIFIABLE = 0, 1, 2
KEY_ENV, READONLY_KEY_ENV = "WORKITEMS_API_KEY", "WORKITEMS_READONLY_KEY"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    verify = add_command(commands, "verify", "Check a work-item API against its contract.")
    verify.set_defaults(run=run_verify)
    verify.epilog = (
        f"Exit status: {EXIT_PASSED} nothing violated, {EXIT_VIOLATED} violations found, "
        f"{EXIT_UNVERIFIABLE} could not verify (unreachable, wrong key, bad option)."
    )
    add = verify.add_argument
    # The names come from contracts/apis, read when verify runs: this module names no API.
    add(
        "--api",
        metavar="NAME",
        help="the API to verify (default: seed 000's Work Item API); an unknown name is "
        "refused with the list of known ones",
    )
    add(
        "--profile",
        metavar="NAME",
        help="the API's profile whose contract to check (default: its first; the Work Item "
        "API has documented and platform, the running platform's variant)",
    )
    add(
        "--base-url",
        required=True,
        help="endpoint URL (https://host/tenants/<id>), API root (.../api/v2, .../api/public/v1), "
        "the .../work-items URL, or the root of a deployment mounting the API directly",
    )
    add("--api-key", default=os.environ.get(KEY_ENV), help=f"API key (default: ${KEY_ENV})")
    add("--agent-id", help="agent to assign work items to (default on the emulator: its own)")
    add(
        "--readonly-key",
        default=os.environ.get(READONLY_KEY_ENV),
        help=f"a read-only API key, to check writes are refused (default: ${READONLY_KEY_ENV})",
    )
    add(
        "--suite",
        help="comma-separated suites of the API (the Work Item API's: conformance, stateful, "
        "lifecycle, webhooks; default: every suite the API has)",
    )
    add("--max-examples", type=int, default=100, help="generated cases per operation (100)")
    add("--seed", type=int, help="repeat a run's generated data (printed in every report)")
    add("--junit", type=Path, metavar="FILE", help="write a JUnit XML report")
    add("--report", type=Path, metavar="FILE", help="write the report (Markdown; JSON if .json)")
    add("--rate-limit", type=int, metavar="N", help="at most N requests per second")
    add(
        "--poll-timeout",
        type=float,
        default=120.0,
        metavar="SECONDS",
        help="how long to wait for a real agent to move a work item (120)",
    )
    add("--request-timeout", type=float, default=30.0, metavar="SECONDS", help="per request (30)")
    add("--webhook-host", default="127.0.0.1", help="where the webhook receiver listens")
    add("--webhook-port", type=int, default=0, help="its port (default: a free one)")
    add(
        "--webhook-public-url",
        metavar="URL",
        help="how the target reaches the receiver, e.g. a tunnel to --webhook-port",
    )
    add(
        "--reset",
        action="store_true",
        help="on an emulator, leave the state the suites end in (default: restore what it held)",
    )
    add(
        "--no-control-plane",
        action="store_true",
        help="do not use the emulator's /_mock endpoints: treat it as a real deployment",
    )


# What the `contracts` extra installs; a plain `pip install workitems-mock` has none of it.
CONTRACTS_EXTRA = ("schemathesis", "hypothesis", "requests", "pytest")
INSTALL_HINT = "pip install 'workitems-mock[contracts]'"


def missing_extra() -> list[str]:
    return [name for name in CONTRACTS_EXTRA if importlib.util.find_spec(name) is None]


def run_verify(args: argparse.Namespace) -> int:
    if missing := missing_extra():
        return _usage(
            f"verify needs the 'contracts' extra ({', '.join(missing)} not installed): "
            f"{INSTALL_HINT}"
        )
    from contracts.apis import DEFAULT_API, UnknownApi, harness
    from contracts.junit import write_junit
    from contracts.report import render, write_report
    from contracts.runner import verify
    from contracts.suites import SuiteError
    from contracts.target import Target, TargetError

    if not args.api_key:
        return _usage(f"--api-key is required (or set ${KEY_ENV})")
    if args.max_examples < 1:
        return _usage("--max-examples must be at least 1")
    try:
        api = harness(args.api or DEFAULT_API)
        # Names checked before anything is sent, so a typo costs no request.
        api.choose(api.profile(args.profile), _suites(args.suite))
        base_url = api.locate(args.base_url, args.api_key, min(args.request_timeout, 10.0))
        target = Target(
            base_url=base_url,
            api_key=args.api_key,
            agent_id=args.agent_id,
            readonly_key=args.readonly_key,
            rate_limit=args.rate_limit,
            poll_timeout=args.poll_timeout,
            request_timeout=args.request_timeout,
            use_control_plane=not args.no_control_plane,
            keep_state=not args.reset,
            webhook_host=args.webhook_host,
            webhook_port=args.webhook_port,
            webhook_public_url=args.webhook_public_url,
            resolve_root=api.resolve_root,
        )
        target.root  # noqa: B018 - validates the URL before anything is sent
        run = verify(
            target,
            api=api.name,
            profile=args.profile,
            suites=_suites(args.suite),
            max_examples=args.max_examples,
            seed=args.seed,
            progress=lambda line: print(f"verify: {line}", file=sys.stderr, flush=True),
        )
    except (TargetError, SuiteError, UnknownApi) as error:
        return _usage(str(error))
    print(render(run))
    if args.report:
        write_report(run, args.report)
    if args.junit:
        write_junit(run, args.junit)
    if run.fatal:
        return EXIT_UNVERIFIABLE
    return EXIT_PASSED if run.ok else EXIT_VIOLATED


def _suites(option: str | None) -> list[str] | None:
    return None if option is None else option.split(",")


def _usage(message: str) -> int:
    print(f"workitems-mock verify: {message}", file=sys.stderr)
    return EXIT_UNVERIFIABLE
