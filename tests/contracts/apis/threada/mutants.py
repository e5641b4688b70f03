"""Deliberately broken Threada emulators: each wraps the app so it breaks one promise."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask
from werkzeug.wrappers import Request, Response

from contracts.apis.threada.lifecycle.errors import ENVELOPE_CHECK
from contracts.apis.threada.lifecycle.idempotency import IDEMPOTENCY_CHECK
from contracts.apis.threada.lifecycle.paging import PAGING_CHECK
from tests.support.mutations import json_body, on_requests, on_responses, with_json

READER_KEY = "threada-reader-key"  # the fixtures' key with workitems:read only (tenant acme)
ACME_KEY = "threada-dev-key"
MAIN_KEY = "<token>"  # the fixtures' key the suite runs with (tenant example)
HUMAN_DECISIONS = ("approve", "reject", "escalate")


@dataclass(frozen=True)
class Mutant:
    name: str
    breaks: str
    wrap: Callable[[Flask], None]
    caught_by: frozenset[str]  # checks (or test cases) of the lifecycle suite, any of them


def _replayed_key_starts_anew(request: Request, response: Response) -> Response | None:
    """A repeated Idempotency-Key answers a new execution, as if it started another."""
    replayed = response.headers.get("Idempotent-Replayed") == "true"
    if request.path.endswith("/actions/execute") and request.headers.get("Idempotency-Key"):
        body = json_body(response)
        if replayed and isinstance(body, dict):
            body["execution_id"] = f"ex_{secrets.token_hex(4)}"
            body["status"] = "started"
            answered = with_json(response, body)
            answered.headers["Idempotent-Replayed"] = "false"
            return answered
    return None


def _manage_unenforced(environ: dict[str, Any]) -> None:
    """Decision steps go through for a key without workflow:manage."""
    decision = environ["PATH_INFO"].rsplit("/", 1)[-1] in HUMAN_DECISIONS
    if decision and environ.get("HTTP_AUTHORIZATION") == f"Bearer {READER_KEY}":
        environ["HTTP_AUTHORIZATION"] = f"Bearer {ACME_KEY}"


def _no_correlation_header(request: Request, response: Response) -> Response | None:
    if "X-Correlation-Id" in response.headers:
        del response.headers["X-Correlation-Id"]
        return response
    return None


def _token_on_last_page(request: Request, response: Response) -> Response | None:
    body = json_body(response)
    is_list = request.method == "GET" and request.path == "/work-items"
    if is_list and isinstance(body, dict) and "items" in body and "next_page_token" not in body:
        return with_json(response, {**body, "next_page_token": "bW9yZQ"})
    return None


def _other_tenant_reads(app: Flask) -> None:
    """Reading one work item ignores the tenant: a 404 is looked up again in tenant example."""
    inner = app.wsgi_app

    def middleware(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        response = Response.from_app(inner, environ)
        one_item = environ["REQUEST_METHOD"] == "GET" and environ["PATH_INFO"].startswith(
            "/work-items/"
        )
        if one_item and response.status_code == 404:
            again = Response.from_app(
                inner, {**environ, "HTTP_AUTHORIZATION": f"Bearer {MAIN_KEY}"}
            )
            response = again if again.status_code == 200 else response
        return response(environ, start_response)

    app.wsgi_app = middleware  # type: ignore[method-assign]


def _decisions_leave_no_receipt(request: Request, response: Response) -> Response | None:
    body = json_body(response)
    if isinstance(body, dict) and isinstance(body.get("receipts"), list):
        kept = [r for r in body["receipts"] if r.get("decision") not in HUMAN_DECISIONS]
        if len(kept) != len(body["receipts"]):
            return with_json(response, {**body, "receipts": kept})
    return None


MUTANTS = [
    Mutant(
        "replayed-key-starts-anew",
        "the same Idempotency-Key returns the same execution",
        on_responses(_replayed_key_starts_anew),
        frozenset({IDEMPOTENCY_CHECK}),
    ),
    Mutant(
        "workflow-manage-unenforced",
        "a key without workflow:manage is refused with 403",
        on_requests(_manage_unenforced),
        frozenset({"scopes: a key without workflow:manage is refused (403 authorization)"}),
    ),
    Mutant(
        "no-correlation-header",
        "every error carries its correlation id in X-Correlation-Id",
        on_responses(_no_correlation_header),
        frozenset({ENVELOPE_CHECK}),
    ),
    Mutant(
        "token-on-last-page",
        "next_page_token is absent on the last page",
        on_responses(_token_on_last_page),
        frozenset({PAGING_CHECK}),
    ),
    Mutant(
        "other-tenant-reads",
        "another tenant's work item is 404",
        _other_tenant_reads,
        frozenset({"tenants: another tenant's work item is 404, and not listed"}),
    ),
    Mutant(
        "decisions-leave-no-receipt",
        "each decision step records a receipt on the item",
        on_responses(_decisions_leave_no_receipt),
        frozenset({"decision steps: escalate, then approve or reject, each with a receipt"}),
    ),
]
