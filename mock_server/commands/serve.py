"""`workitems-mock serve`: run the emulator."""

from __future__ import annotations

import argparse
import ipaddress
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mock_server.commands import add_command
from mock_server.core.clock import ClockMode
from mock_server.hosting.registry import UnknownApi, names, plugin_named
from mock_server.http.console import ConsoleStyle
from mock_server.serving import DEFAULT_THREADS
from mock_server.settings import Settings

if TYPE_CHECKING:
    from mock_server.emulator import Emulator


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = add_command(commands, "serve", "Run the emulator.")
    serve.set_defaults(run=run_serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8080, help="port to bind (default 8080)")
    serve.add_argument(
        "--api",
        action="append",
        default=[],
        metavar="NAME",
        help=f"serve only this API (repeatable; default: all of {', '.join(names())})",
    )
    serve.add_argument(
        "--profile",
        action="append",
        default=[],
        metavar="[API=]NAME",
        help="serve an API as this profile (e.g. documented); NAME alone applies to every API "
        "that has it",
    )
    serve.add_argument("--fixtures", type=Path, help="fixtures directory (default: bundled)")
    serve.add_argument("--seed", type=int, help="make generated ids reproducible")
    serve.add_argument(
        "--clock", choices=[m.value for m in ClockMode], default="real", help="time source"
    )
    serve.add_argument("--speed", type=float, default=1.0, help="real-time speed-up factor")
    serve.add_argument("--public-url", help="base URL clients reach the emulator at")
    serve.add_argument(
        "--read-timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="longest pause allowed while a client sends a request (default 10)",
    )
    serve.add_argument(
        "--threads",
        type=int,
        default=DEFAULT_THREADS,
        help=f"request threads (default {DEFAULT_THREADS})",
    )
    serve.add_argument(
        "--max-body-kb", type=int, default=100, help="create request body limit (default 100)"
    )
    serve.add_argument(
        "--max-file-mb", type=int, default=100, help="uploaded file size limit (default 100)"
    )
    serve.add_argument(
        "--state",
        type=Path,
        metavar="FILE",
        help="load state from FILE at start (if it exists) and save it there on shutdown",
    )
    console = serve.add_argument_group("console")
    console.add_argument(
        "--quiet", action="store_true", help="print only the banner, no line per request"
    )
    console.add_argument(
        "--log-format",
        choices=["text", "json"],
        default="text",
        help="a line per request and webhook attempt as text (coloured on a terminal) or JSON",
    )
    admin = serve.add_argument_group("control plane (/_mock)")
    admin.add_argument("--admin-token", help="require this token on every /_mock call")
    admin.add_argument("--no-admin", action="store_true", help="serve no control plane")
    hooks = serve.add_argument_group("webhooks")
    hooks.add_argument(
        "--webhook-allow",
        action="append",
        default=[],
        metavar="HOST[:PORT]",
        help="also deliver to this host (repeatable; '*' for any). Default: loopback only",
    )
    hooks.add_argument("--webhook-retries", type=int, default=3, help="retries after a failure")
    hooks.add_argument(
        "--webhook-backoff", type=float, default=1.0, help="first retry delay in seconds (doubles)"
    )
    hooks.add_argument(
        "--webhook-timeout", type=float, default=10.0, help="per-attempt timeout in seconds"
    )


def settings_from_args(args: argparse.Namespace) -> Settings:
    host = bind_address(args.host)
    if args.admin_token is not None and not ADMIN_TOKEN.fullmatch(args.admin_token):
        raise SystemExit(
            "workitems-mock: --admin-token must be visible ASCII characters without spaces "
            "(it is sent in an Authorization header)"
        )
    if not 0 < args.read_timeout <= 3600:
        raise SystemExit("workitems-mock: --read-timeout must be between 0 and 3600 seconds")
    if args.speed <= 0:
        raise SystemExit("workitems-mock: --speed must be greater than 0")
    if args.max_body_kb < 1 or args.max_file_mb < 1:
        raise SystemExit("workitems-mock: --max-body-kb and --max-file-mb must be at least 1")
    if args.webhook_retries < 0 or args.webhook_backoff < 0 or args.webhook_timeout <= 0:
        raise SystemExit(
            "workitems-mock: --webhook-retries and --webhook-backoff must not be negative, "
            "--webhook-timeout must be greater than 0"
        )
    if not _is_loopback(host) and not (args.admin_token or args.no_admin):
        raise SystemExit(
            f"workitems-mock: binding to {host} exposes the /_mock control plane beyond "
            "this machine; add --admin-token TOKEN or --no-admin"
        )
    apis = _apis_from_args(args.api)
    return Settings(
        console=_console_style(args),
        apis=apis,
        profiles=_profiles_from_args(args.profile, apis or tuple(names())),
        host=host,
        port=args.port,
        fixtures_dir=args.fixtures,
        seed=args.seed,
        clock_mode=ClockMode(args.clock),
        clock_speed=args.speed,
        public_url=args.public_url,
        webhook_allow=tuple(args.webhook_allow),
        webhook_retries=args.webhook_retries,
        webhook_backoff_seconds=args.webhook_backoff,
        webhook_timeout_seconds=args.webhook_timeout,
        read_timeout_seconds=args.read_timeout,
        max_body_bytes=args.max_body_kb * 1024,
        max_file_bytes=args.max_file_mb * 1024 * 1024,
        state_file=args.state,
        admin_enabled=not args.no_admin,
        admin_token=args.admin_token,
    )


def _console_style(args: argparse.Namespace) -> str:
    if args.quiet:
        return ConsoleStyle.OFF.value
    if args.log_format == "json":
        return ConsoleStyle.JSON.value
    coloured = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    return (ConsoleStyle.COLOR if coloured else ConsoleStyle.PLAIN).value


def _apis_from_args(given: list[str]) -> tuple[str, ...]:
    try:
        return tuple(plugin_named(name).name for name in given)
    except UnknownApi as error:
        raise SystemExit(f"workitems-mock: --api: {error}") from None


def _profiles_from_args(given: list[str], apis: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """`API=NAME` for one API, or `NAME` for every served API that has that profile."""
    chosen: dict[str, str] = {}
    for text in given:
        api, _, profile = text.rpartition("=")
        targets = [api] if api else [a for a in apis if text in plugin_named(a).profiles]
        if not targets:
            raise SystemExit(f"workitems-mock: --profile {text}: no served API has that profile")
        for target in targets:
            if target not in apis:
                raise SystemExit(f"workitems-mock: --profile {text}: API {target!r} is not served")
            if profile not in plugin_named(target).profiles:
                known = ", ".join(plugin_named(target).profiles)
                raise SystemExit(
                    f"workitems-mock: --profile {text}: {target} has no profile {profile!r}; "
                    f"it has {known}"
                )
            chosen[target] = profile
    return tuple(chosen.items())


ADMIN_TOKEN = re.compile(r"[!-~]+")  # visible ASCII, no spaces: what a header carries intact


def bind_address(host: str) -> str:
    """The address to bind for `--host`: an IP, brackets dropped; `localhost` means 127.0.0.1
    (granian binds addresses, not names)."""
    bare = host.strip().strip("[]")
    if bare.lower().rstrip(".") == "localhost":
        return "127.0.0.1"
    try:
        return str(ipaddress.ip_address(bare))
    except ValueError:
        raise SystemExit(
            f"workitems-mock: --host {host!r} is not an IP address; use e.g. 127.0.0.1, "
            "0.0.0.0, ::1 or localhost"
        ) from None


def _is_loopback(host: str) -> bool:
    return ipaddress.ip_address(host).is_loopback


def check_state_file(settings: Settings, emulator: Emulator) -> str | None:
    """Why the state file cannot be used, or None; checked before serving so a bad file is
    reported (and never overwritten) instead of crashing the worker."""
    from mock_server.state.files import read_state_file
    from mock_server.state.load import StateError

    path = settings.state_file
    if path is None or not path.exists():
        return None
    try:
        read_state_file(path, emulator)
    except StateError as error:
        return f"{error}; refusing to start so the file is not overwritten"
    return None


def banner(emulator: Emulator, threads: int = DEFAULT_THREADS) -> str:
    settings = emulator.settings
    base = settings.base_url
    count = len(emulator.apis)
    lines = [f"workitems-mock serving {count} API{'s' if count != 1 else ''} on {base}"]
    for api in emulator.apis.values():
        lines += ["", *api.banner()]
    lines += [
        "",
        *_control_lines(settings),
        f"  clock      {settings.clock_mode.value} (speed {settings.clock_speed:g})",
        f"  threads    {_threads_note(threads)}",
        *(
            [f"  state      {settings.state_file} (saved on shutdown)"]
            if settings.state_file
            else []
        ),
        "Press Ctrl-C to stop.",
    ]
    return "\n".join(lines)


def _control_lines(settings: Settings) -> list[str]:
    base = settings.base_url
    if not settings.admin_enabled:
        return ["  inspector  none (--no-admin serves no control plane)"]
    how = "sign in with the admin token" if settings.admin_token else "open it in a browser"
    return [
        f"  inspector  {base}/_mock/inspector  ({how})",
        f"  control    {base}/_mock  (JSON, described at {base}/_mock/openapi.yaml)",
    ]


def _threads_note(threads: int) -> str:
    if threads == 1:
        return "1 request thread (--threads N to run views side by side)"
    return f"{threads} request threads"


def run_serve(args: argparse.Namespace) -> int:
    from mock_server.emulator import Emulator
    from mock_server.instance import PortInUse, claim_port
    from mock_server.serving import serve

    settings = settings_from_args(args)
    try:
        # Built once here to check fixtures, profiles and the state file before serving; the
        # worker builds its own.
        emulator = Emulator(settings)
    except ValueError as error:  # a fixtures file, a profile or a URL template at fault
        print(f"workitems-mock: {error}", file=sys.stderr)
        return 2
    text = banner(emulator, args.threads)
    problem = check_state_file(settings, emulator)
    emulator.stop()
    if problem:
        print(f"workitems-mock: {problem}", file=sys.stderr)
        return 2
    try:
        claim = claim_port(settings.host, settings.port)
    except PortInUse as error:
        print(f"workitems-mock: {error}; stop it or choose another --port", file=sys.stderr)
        return 2
    print(text, flush=True)
    serve(settings, threads=args.threads, claim=claim)
    return 0
