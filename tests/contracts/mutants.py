"""Deliberately broken emulators: each wraps the app so it breaks one promise of the contract."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from flask import Flask
from werkzeug.wrappers import Request, Response

from mock_server.webhooks.signing import SignatureScheme
from tests.support.mutations import (
    Rewrite,
    each_item,
    is_api,
    json_body,
    on_requests,
    on_responses,
    with_json,
)


@dataclass(frozen=True)
class Mutant:
    name: str
    breaks: str  # the promise it breaks, as docs/contracts.md words it
    wrap: Callable[[Flask], None]
    caught_by: dict[str, set[str]] = field(default_factory=dict)  # suite -> checks, any of them


def _drop_created_at(request: Request, response: Response) -> Response | None:
    body = json_body(response)
    return with_json(response, each_item(body, lambda item: item.pop("created_at", None)))


def _rename_pending(request: Request, response: Response) -> Response | None:
    def rename(item: dict[str, Any]) -> None:
        if item.get("status") == "PENDING":
            item["status"] = "QUEUED"

    return with_json(response, each_item(json_body(response), rename))


def _illegal_cancel_is_409(request: Request, response: Response) -> Response | None:
    if response.status_code == 412 and is_api(request, "POST", "/cancel"):
        return with_json(response, json_body(response), status=409)
    return None


def _illegal_cancel_is_ok(request: Request, response: Response) -> Response | None:
    if response.status_code == 412 and is_api(request, "POST", "/cancel"):
        return with_json(response, {"status": "ok"}, status=200)
    return None


def _bare_404(request: Request, response: Response) -> Response | None:
    if response.status_code == 404:
        return with_json(response, {"detail": "Not Found"})
    return None


def _next_offset_skips_one(request: Request, response: Response) -> Response | None:
    body = json_body(response)
    if not is_api(request, "GET", "/work-items") or not isinstance(body, dict):
        return None
    if isinstance(body.get("next_offset"), int):
        body["next_offset"] += 1
        return with_json(response, body)
    return None


def _other_item_on_get(request: Request, response: Response) -> Response | None:
    body = json_body(response)
    one_item = request.method == "GET" and "/work-items/" in request.path
    if one_item and response.status_code == 200 and isinstance(body, dict):
        body["work_item_id"] = str(body.get("work_item_id"))[::-1]
        return with_json(response, body)
    return None


def _crash_after_create(request: Request, response: Response) -> Response | None:
    if is_api(request, "POST", "/work-items") and response.status_code == 200:
        return with_json(response, {"error": {"code": "internal_error", "message": "boom"}}, 500)
    return None


def _key_expires_after(answered: int) -> Rewrite:
    """The API key stops working once the emulator has answered `answered` requests."""
    count = [0]

    def rewrite(request: Request, response: Response) -> Response | None:
        count[0] += 1
        sent = request.headers.get("Authorization")
        if count[0] > answered and sent == "Bearer local-dev-key" and "/work-items" in request.path:
            expired = {"error": {"code": "unauthorized", "message": "The API key has expired."}}
            return with_json(response, expired, 401)
        return None

    return rewrite


def _bad_upload_accepted(request: Request, response: Response) -> Response | None:
    """A refused multipart upload (no file, say) answers 200 as if it had worked."""
    refused = response.status_code in (400, 422) and request.mimetype == "multipart/form-data"
    if request.method == "POST" and request.path.endswith("/upload-file") and refused:
        return with_json(response, {"work_item_id": "not-really-uploaded"}, 200)
    return None


def _list_without_key(environ: dict[str, Any]) -> None:
    if environ["REQUEST_METHOD"] == "GET" and environ["PATH_INFO"].endswith("/work-items"):
        environ.setdefault("HTTP_AUTHORIZATION", "Bearer local-dev-key")


def _read_only_writes(environ: dict[str, Any]) -> None:
    read_only = environ.get("HTTP_AUTHORIZATION") == "Bearer local-readonly-key"
    if read_only and environ["REQUEST_METHOD"] == "POST":
        environ["HTTP_AUTHORIZATION"] = "Bearer local-dev-key"


def _limit_unchecked(environ: dict[str, Any]) -> None:
    """Drop a `limit` below 1 instead of refusing it."""
    query = parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    kept = [
        (k, v) for k, v in query if not (k == "limit" and v.lstrip("-").isdigit() and int(v) < 1)
    ]
    environ["QUERY_STRING"] = urlencode(kept)


def _never_call_back(app: Flask) -> None:
    """Status changes no longer turn into deliveries."""
    notifier = app.extensions["workitems_mock"].apis["sema4"].callbacks
    notifier._send = lambda item, callback: None


class _WrongSecret(SignatureScheme):
    def sign_document(self, secret: str, document: Any) -> str:
        return super().sign_document(secret + "-but-not-quite", document)


def _sign_with_another_secret(app: Flask) -> None:
    """Deliveries are signed, but not with the callback's secret."""
    notifier = app.extensions["workitems_mock"].apis["sema4"].callbacks
    scheme = notifier.scheme
    notifier.scheme = _WrongSecret(scheme.name, scheme.header, scheme.user_agent)


CONFORMANCE, STATEFUL, LIFECYCLE, WEBHOOKS = "conformance", "stateful", "lifecycle", "webhooks"

MUTANTS = [
    Mutant(
        "callback_never_sent",
        "a work item reaching a status with a callback calls nobody",
        _never_call_back,
        {
            WEBHOOKS: {
                "every status reached is delivered once, in order",
                "an API action's status is delivered",
            }
        },
    ),
    Mutant(
        "wrong_signature",
        "X-SEMA4AI-SIGNATURE is computed with the wrong secret",
        _sign_with_another_secret,
        {WEBHOOKS: {"signed deliveries verify, unsigned ones carry no signature"}},
    ),
    Mutant(
        "missing_required_field",
        "work items come without `created_at`, a required field",
        on_responses(_drop_created_at),
        {CONFORMANCE: {"response_schema_conformance"}, STATEFUL: {"response_schema_conformance"}},
    ),
    Mutant(
        "unknown_status_value",
        "PENDING is answered as QUEUED, a status the contract does not know",
        on_responses(_rename_pending),
        {
            CONFORMANCE: {"response_schema_conformance"},
            STATEFUL: {"response_schema_conformance"},
            LIFECYCLE: {"seed: create a work item"},
        },
    ),
    Mutant(
        "illegal_transition_is_409",
        "an illegal cancel answers 409 instead of 412",
        on_responses(_illegal_cancel_is_409),
        {
            CONFORMANCE: {"status_code_conformance"},
            # Not stateful: its 15-example runs reach a second cancel of one item only
            # sometimes (it depends on what Hypothesis drew before), so it is not asserted.
            LIFECYCLE: {"cancel from COMPLETED"},
        },
    ),
    Mutant(
        "illegal_transition_succeeds",
        'an illegal cancel answers 200 {"status": "ok"}',
        on_responses(_illegal_cancel_is_ok),
        {LIFECYCLE: {"cancel from COMPLETED", "412 carries the error envelope"}},
    ),
    Mutant(
        "error_without_envelope",
        '404 answers `{"detail": "Not Found"}` without the error envelope',
        on_responses(_bare_404),
        {
            CONFORMANCE: {"error_envelope", "response_schema_conformance"},
            STATEFUL: {"error_envelope", "response_schema_conformance"},
            LIFECYCLE: {"404 carries the error envelope"},
        },
    ),
    Mutant(
        "unenforced_auth",
        "listing work items works without an API key",
        on_requests(_list_without_key),
        {
            CONFORMANCE: {"ignored_auth", "missing_required_header"},
            STATEFUL: {"ignored_auth"},
            LIFECYCLE: {"no API key is 401 on every operation"},
        },
    ),
    Mutant(
        "read_only_key_writes",
        "a read-only key may create, upload and act",
        on_requests(_read_only_writes),
        {LIFECYCLE: {"a read-only key can read but not write"}},
    ),
    Mutant(
        "broken_next_offset",
        "next_offset skips one work item",
        on_responses(_next_offset_skips_one),
        {LIFECYCLE: {"pagination walks to the end without repeats or gaps"}},
    ),
    Mutant(
        "negative_data_accepted",
        "limit=0 is ignored instead of refused with 422",
        on_requests(_limit_unchecked),
        {CONFORMANCE: {"negative_data_rejection"}, LIFECYCLE: {"422 carries the error envelope"}},
    ),
    Mutant(
        "bad_multipart_upload_accepted",
        "an upload-file form without its file (or otherwise invalid) answers 200",
        on_responses(_bad_upload_accepted),
        {CONFORMANCE: {"negative_data_rejection"}},
    ),
    Mutant(
        "ids_do_not_round_trip",
        "reading a work item answers with another id",
        on_responses(_other_item_on_get),
        {
            CONFORMANCE: {"ids_round_trip"},
            STATEFUL: {"ids_round_trip"},
            LIFECYCLE: {"seed: create a work item"},
        },
    ),
    Mutant(
        "key_expires_mid_run",
        "the API key expires after the smoke test: every call is a documented 401",
        on_responses(_key_expires_after(5)),
        {
            CONFORMANCE: {"api_key_accepted"},
            STATEFUL: {"api_key_accepted"},
            LIFECYCLE: {"seed: create a work item"},
        },
    ),
    Mutant(
        "server_error",
        "creating a work item answers 500 (after storing it)",
        on_responses(_crash_after_create),
        {
            CONFORMANCE: {"not_a_server_error"},
            STATEFUL: {"not_a_server_error"},
            LIFECYCLE: {"seed: create a work item"},
        },
    ),
]
