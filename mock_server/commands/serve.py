"""`workitems-mock serve`: run the emulator."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mock_server.commands import add_command
from mock_server.core.clock import ClockMode
from mock_server.fixtures import FixtureError, load_fixtures
from mock_server.resources import default_fixtures_dir
from mock_server.serving import DEFAULT_THREADS
from mock_server.settings import Settings
from mock_server.workitems.profile import DOCUMENTED


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = add_command(commands, "serve", "Run the emulator.")
    serve.set_defaults(run=run_serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8080, help="port to bind (default 8080)")
    serve.add_argument("--fixtures", type=Path, help="fixtures directory (default: bundled)")
    serve.add_argument("--seed", type=int, help="make generated ids reproducible")
    serve.add_argument(
        "--clock", choices=[m.value for m in ClockMode], default="real", help="time source"
    )
    serve.add_argument("--speed", type=float, default=1.0, help="real-time speed-up factor")
    serve.add_argument("--public-url", help="base URL clients reach the emulator at")
    serve.add_argument(
        "--threads",
        type=int,
        default=DEFAULT_THREADS,
        help=f"request threads (default {DEFAULT_THREADS})",
    )


def settings_from_args(args: argparse.Namespace) -> Settings:
    if args.speed <= 0:
        raise SystemExit("workitems-mock: --speed must be greater than 0")
    return Settings(
        host=args.host,
        port=args.port,
        fixtures_dir=args.fixtures,
        seed=args.seed,
        clock_mode=ClockMode(args.clock),
        clock_speed=args.speed,
        public_url=args.public_url,
    )


def banner(settings: Settings) -> str:
    fixtures = load_fixtures(settings.fixtures_dir or default_fixtures_dir(), DOCUMENTED)
    base = settings.base_url
    writable = next((k for k in fixtures.keys if k.can_write), fixtures.keys[0])
    lines = [
        f"workitems-mock serving the Sema4.ai Work Item API on {base}",
        f"  endpoint   {base}/api/v1/work-items  (also /api/v2, /tenants/<tenant>/api/v1|v2)",
        f"  API key    Authorization: Bearer {writable.key}  (tenant {writable.tenant_id})",
        f"  agents     {', '.join(a.agent_id for a in fixtures.agents)}",
        f"  contract   {base}/openapi.yaml    control plane {base}/_mock",
        f"  clock      {settings.clock_mode.value} (speed {settings.clock_speed:g})",
        "Press Ctrl-C to stop.",
    ]
    return "\n".join(lines)


def run_serve(args: argparse.Namespace) -> int:
    from mock_server.serving import serve

    settings = settings_from_args(args)
    try:
        print(banner(settings), flush=True)
    except FixtureError as error:
        print(f"workitems-mock: {error}", file=sys.stderr)
        return 2
    serve(settings, threads=args.threads)
    return 0
