"""`workitems-mock replay`: re-send saved captures with their original headers."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mock_server.commands import add_command
from mock_server.webhooks.capture import request_from_json
from mock_server.webhooks.sender import DEFAULT_TIMEOUT, normalise_url, send


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(commands, "replay", "Re-send captures saved by `capture --save`.")
    parser.set_defaults(run=run_replay)
    parser.add_argument("file", type=Path, metavar="FILE", help="JSON lines from capture --save")
    parser.add_argument("--to", required=True, metavar="URL", help="where to send them")
    parser.add_argument(
        "--id", type=int, action="append", dest="ids", metavar="N", help="only capture #N"
    )
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds to wait")


def saved_captures(path: Path) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(line number, capture) per line, or (line number, why it is unusable)."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                document = json.loads(line)
            except ValueError:
                yield number, "not JSON"
                continue
            yield number, document if isinstance(document, dict) else "not a capture"


def run_replay(args: argparse.Namespace) -> int:
    try:
        url = normalise_url(args.to)
        captures = list(saved_captures(args.file))
    except (OSError, ValueError) as error:
        raise SystemExit(f"workitems-mock: {error}") from None
    if args.ids and (unknown := _unknown_ids(args.ids, captures)):
        known = sorted(int(c.get("id") or 0) for _, c in captures if isinstance(c, dict))
        print(f"workitems-mock replay: no such capture {', '.join(f'#{n}' for n in unknown)} in "
              f"{args.file} (it holds {', '.join(f'#{n}' for n in known) or 'none'})")  # fmt: skip
        return 2
    sent = accepted = skipped = unreachable = 0
    for number, capture in captures:
        if isinstance(capture, str):
            print(f"line {number}: skipped, {capture}")
            continue
        if args.ids and capture.get("id") not in args.ids:
            continue
        label = f"#{capture.get('id', '?')} (line {number})"
        try:
            request = request_from_json(capture)
        except ValueError as error:
            print(f"{label}: skipped, {error}")
            skipped += 1
            continue
        answer = send(request.method, url, request.headers, request.body, args.timeout)
        sent += 1
        accepted += answer.ok
        unreachable += answer.unreachable
        print(f"{label} {request.method} {url} -> {answer.describe()}  {answer.snippet()}".rstrip())
    if sent and unreachable == sent:
        print(f"Could not reach {url}: nothing was tested (is the receiver running?).")
        return 2
    print(f"Replayed {sent} capture(s) to {url}: {accepted} answered 2xx, {skipped} skipped.")
    return 0 if sent and accepted == sent and not skipped else 1


def _unknown_ids(wanted: list[int], captures: list[tuple[int, dict[str, Any] | str]]) -> list[int]:
    held = {c.get("id") for _, c in captures if isinstance(c, dict)}
    return [n for n in wanted if n not in held]
