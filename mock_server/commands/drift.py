"""`workitems-mock drift`: where a deployment departs from the documented contract."""

from __future__ import annotations

import argparse
import os
import sys

from mock_server.commands import add_command

EXIT_NONE, EXIT_DRIFT, EXIT_UNCHECKABLE = 0, 1, 2
KEY_ENV = "WORKITEMS_API_KEY"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    drift = add_command(
        commands, "drift", "Report every documented behaviour a deployment departs from."
    )
    drift.set_defaults(run=run_drift_command)
    drift.epilog = (
        f"Exit status: {EXIT_NONE} no departure, {EXIT_DRIFT} departures found, "
        f"{EXIT_UNCHECKABLE} could not check (unreachable, wrong key, bad option)."
    )
    add = drift.add_argument
    add("--base-url", required=True, help="the deployment: endpoint URL or any API root")
    add("--api-key", default=os.environ.get(KEY_ENV), help=f"API key (default: ${KEY_ENV})")
    add(
        "--profile",
        default="documented",
        choices=["documented", "platform"],
        help="the contract to compare with (default: documented, openapi.yaml)",
    )
    add(
        "--agent-id",
        action="append",
        default=[],
        help="an agent to run work items with (repeatable; default: those GET /agents lists)",
    )
    add("--json", action="store_true", help="print the findings as JSON")
    add(
        "--poll-timeout",
        type=float,
        default=120.0,
        metavar="SECONDS",
        help="how long to wait for an agent run or a callback (120)",
    )
    add("--request-timeout", type=float, default=30.0, metavar="SECONDS", help="per request (30)")
    add("--rate-limit", type=int, metavar="N", help="at most N requests per second")
    add("--webhook-host", default="127.0.0.1", help="where the callback receiver listens")
    add("--webhook-port", type=int, default=0, help="its port (default: a free one)")
    add("--webhook-public-url", metavar="URL", help="how the target reaches the receiver")


def run_drift_command(args: argparse.Namespace) -> int:
    from contracts.drift.findings import render_json, render_text
    from contracts.drift.run import run_drift
    from contracts.roots import resolve_base_url
    from contracts.target import Target, TargetError

    if not args.api_key:
        return _usage(f"--api-key is required (or set ${KEY_ENV})")
    try:
        base_url = resolve_base_url(
            args.base_url, args.api_key, timeout=min(args.request_timeout, 10.0)
        )
        target = Target(
            base_url=base_url,
            api_key=args.api_key,
            rate_limit=args.rate_limit,
            poll_timeout=args.poll_timeout,
            request_timeout=args.request_timeout,
            webhook_host=args.webhook_host,
            webhook_port=args.webhook_port,
            webhook_public_url=args.webhook_public_url,
        )
        target.root  # noqa: B018 - validates the URL before anything is sent
    except TargetError as error:
        return _usage(str(error))
    drift = run_drift(
        target,
        args.profile,
        agent_ids=args.agent_id,
        progress=lambda line: print(f"drift: {line}", file=sys.stderr, flush=True),
    )
    print(render_json(drift) if args.json else render_text(drift))
    if drift.fatal:
        return EXIT_UNCHECKABLE
    return EXIT_DRIFT if drift.findings else EXIT_NONE


def _usage(message: str) -> int:
    print(f"workitems-mock drift: {message}", file=sys.stderr)
    return EXIT_UNCHECKABLE
