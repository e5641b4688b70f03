"""`workitems-mock send-webhook`: send a genuine or forged callback and judge the answer."""

from __future__ import annotations

import argparse
import json
import uuid
from pathlib import Path
from typing import Any

from mock_server.commands import add_command
from mock_server.commands.schemes import add_scheme_option, plugin_of_scheme, scheme_from_args
from mock_server.core.clock import Clock, isoformat_z
from mock_server.webhooks.forgery import (
    WHAT,
    Delivery,
    Judgement,
    Tamper,
    WebhookSample,
    forge,
    judge,
)
from mock_server.webhooks.sender import DEFAULT_TIMEOUT, Answer, normalise_url, send
from mock_server.webhooks.signing import SignatureScheme

ALL = "all"
SAMPLE_BASE_URL = "http://127.0.0.1:8080"  # where `serve` runs by default


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        commands, "send-webhook", "Send a sample callback, signed or forged, and judge the answer."
    )
    parser.set_defaults(run=run_send_webhook)
    add_scheme_option(parser)
    parser.add_argument("--to", required=True, metavar="URL", help="the receiver to test")
    parser.add_argument("--secret", required=True, help="the receiver's signature secret")
    parser.add_argument(
        "--tamper",
        choices=[*Tamper, ALL],
        default=Tamper.NONE.value,
        help="how to break the delivery (default none; all: every case in turn)",
    )
    parser.add_argument("--status", default="COMPLETED", help="status in the body")
    parser.add_argument("--work-item-id", help="work_item_id in the body (default: a new UUID)")
    parser.add_argument("--agent-id", default="invoice_processing_agent", help="agent_id")
    parser.add_argument("--body", type=Path, metavar="FILE", help="send this JSON, not the sample")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds to wait")


def document_from_args(args: argparse.Namespace, scheme: SignatureScheme) -> Any:
    if args.body:
        try:
            return json.loads(args.body.read_bytes())
        except (OSError, ValueError) as error:
            raise SystemExit(f"workitems-mock: --body {args.body}: {error}") from None
    sample = plugin_of_scheme(scheme).sample_webhook
    if sample is None:
        raise SystemExit(f"workitems-mock: scheme {scheme.name} has no sample body; use --body")
    timestamp = isoformat_z(Clock().now())
    resource = args.work_item_id or str(uuid.uuid4())
    return sample(WebhookSample(resource, args.status, args.agent_id, timestamp, SAMPLE_BASE_URL))


def run_send_webhook(args: argparse.Namespace) -> int:
    try:
        url = normalise_url(args.to)
    except ValueError as error:
        raise SystemExit(f"workitems-mock: --to: {error}") from None
    scheme = scheme_from_args(args)
    document = document_from_args(args, scheme)
    if args.tamper == ALL:
        return _send_all(url, document, args.secret, args.timeout, scheme)
    delivery = forge(document, args.secret, Tamper(args.tamper), scheme)
    answer = send("POST", url, delivery.headers, delivery.body, args.timeout)
    if answer.unreachable:
        print(f"Could not reach {url}: {answer.error}. Nothing was tested.")
        return 2
    verdict = judge(delivery.tamper, answer)
    print(_report(url, delivery, answer, verdict))
    if delivery.tamper is Tamper.NONE and not verdict.correct:
        print(_signing_hint(scheme, delivery))
    return 0 if verdict.correct else 1


def _signing_hint(scheme: SignatureScheme, delivery: Delivery) -> str:
    """Why a receiver may refuse a genuine delivery: it hashed something else."""
    return (
        f"Hint: {scheme.header} is {scheme.explain}\n"
        f"  the signed string was: {scheme.signed_text(delivery.body)}"
    )


def _report(url: str, delivery: Delivery, answer: Answer, verdict: Judgement) -> str:
    document = delivery.document if isinstance(delivery.document, dict) else {}
    lines = [
        f"POST {url}  ({WHAT[delivery.tamper]})",
        f"  work item  {document.get('work_item_id', '-')}  status {document.get('status', '-')}",
        f"  signature  {delivery.signature_header}: {delivery.signature or '(none)'}",
        f"  answer     {answer.describe()}  {answer.snippet()}".rstrip(),
        f"{'OK' if verdict.correct else 'WRONG'}: the receiver {verdict.text}",
    ]
    return "\n".join(lines)


def _send_all(url: str, document: Any, secret: str, timeout: float, scheme: SignatureScheme) -> int:
    print(f"Testing {url} with {len(Tamper)} deliveries:")
    wrong = 0
    for tamper in Tamper:
        delivery = forge(document, secret, tamper, scheme)
        answer = send("POST", url, delivery.headers, delivery.body, timeout)
        if answer.unreachable:
            print(f"Could not reach {url}: {answer.error}. Nothing was tested.")
            return 2
        verdict = judge(tamper, answer)
        wrong += not verdict.correct
        mark = "OK   " if verdict.correct else "WRONG"
        print(
            f"  {tamper.value:<10} {WHAT[tamper]:<30} {answer.describe():<28} {mark} {verdict.text}"
        )
    if wrong:
        print(f"The receiver got {wrong} of {len(Tamper)} cases wrong.")
        return 1
    print("The receiver accepts genuine deliveries and rejects forged ones.")
    return 0
