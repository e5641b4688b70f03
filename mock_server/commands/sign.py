"""`workitems-mock sign`: print the signature a webhook with this body would carry."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mock_server.commands import add_command
from mock_server.commands.schemes import add_scheme_option, scheme_from_args


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(commands, "sign", "Print the webhook signature of a JSON body.")
    parser.set_defaults(run=run_sign)
    add_scheme_option(parser)
    parser.add_argument("--secret", required=True, help="the signature secret")
    parser.add_argument("file", metavar="FILE", help="the body; - reads standard input")


def run_sign(args: argparse.Namespace) -> int:
    try:
        body = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as error:
        print(f"workitems-mock: {error}", file=sys.stderr)
        return 2
    try:
        print(scheme_from_args(args).sign(args.secret, body))
    except ValueError as error:
        # The platform signs the parsed JSON, so a body that does not parse has no signature.
        print(f"workitems-mock: {args.file} is not JSON: {error}", file=sys.stderr)
        return 2
    return 0
