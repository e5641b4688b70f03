"""`workitems-mock capture`: receive webhooks from any deployment, print, save and forward them."""

from __future__ import annotations

import argparse
import ipaddress
import json
import sys
from pathlib import Path

from mock_server.commands import add_command
from mock_server.commands.schemes import known_schemes
from mock_server.webhooks.receiver import Receiver, ReceiverOptions, make_receiver_server
from mock_server.webhooks.sender import normalise_url


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    capture = add_command(commands, "capture", "Receive webhooks and print each on one line.")
    capture.set_defaults(run=run_capture)
    capture.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    capture.add_argument("--port", type=int, default=9000, help="port (default 9000; 0: any free)")
    capture.add_argument("--secret", help="signature secret: check each webhook's signature")
    capture.add_argument(
        "--respond", type=int, metavar="CODE", help="status to answer (default 200, or the app's)"
    )
    capture.add_argument("--forward-to", metavar="URL", help="relay each request to your app")
    capture.add_argument("--save", type=Path, metavar="FILE", help="append captures as JSON lines")


def options_from_args(args: argparse.Namespace) -> ReceiverOptions:
    if args.respond is not None and not 200 <= args.respond <= 599:
        raise SystemExit("workitems-mock: --respond must be an HTTP status from 200 to 599")
    try:
        forward_to = normalise_url(args.forward_to) if args.forward_to else None
    except ValueError as error:
        raise SystemExit(f"workitems-mock: --forward-to: {error}") from None
    if args.save:
        try:
            args.save.open("a").close()  # fail now, not on the first webhook
        except OSError as error:
            raise SystemExit(f"workitems-mock: --save: {error}") from None
    return ReceiverOptions(
        args.secret, args.respond, forward_to, args.save, schemes=tuple(known_schemes().values())
    )


def banner(url: str, options: ReceiverOptions) -> str:
    callback = {"url": url, "on_status": "COMPLETED"}
    if options.secret:
        callback["signature_secret"] = options.secret
    checked = "checked with --secret" if options.secret else "not checked (no --secret)"
    lines = [
        f"workitems-mock capturing webhooks on {url} (any path)",
        f"  signature  {checked}",
        f"  answer     {_answer_text(options)}",
        f"  save       {options.save or 'off'}",
        f"  callback   {json.dumps(callback)}",
        "Press Ctrl-C to stop.",
    ]
    return "\n".join(lines)


def _answer_text(options: ReceiverOptions) -> str:
    if options.forward_to and options.respond is None:
        return f"forwarded to {options.forward_to}; its answer goes back to the sender"
    forward = f", after forwarding to {options.forward_to}" if options.forward_to else ""
    return f"{options.respond or 200}{forward}"


def _is_loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run_capture(args: argparse.Namespace) -> int:
    options = options_from_args(args)
    try:
        server = make_receiver_server(args.host, args.port, Receiver(options, sys.stdout))
    except OSError as error:
        print(f"workitems-mock: cannot listen on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 2
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(banner(f"http://{host}:{server.port}/", options), flush=True)
    if not _is_loopback(args.host):
        print(f"warning: listening on {args.host}, reachable beyond this machine", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
