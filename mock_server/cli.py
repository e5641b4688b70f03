"""The `workitems-mock` command line: one subcommand per module in `mock_server.commands`."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from mock_server.commands import capture, drift, replay, send_webhook, serve, sign, verify
from mock_server.resources import installed_version

COMMAND_MODULES = [serve, verify, drift, capture, replay, send_webhook, sign]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workitems-mock",
        description="Local emulator, contract checks and webhook tools for work-item APIs.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {installed_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    status: int = args.run(args)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
