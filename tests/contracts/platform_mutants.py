"""Deliberately broken platform-profile emulators: each breaks one of the platform's promises."""

from __future__ import annotations

from dataclasses import replace

from flask import Flask
from werkzeug.wrappers import Request, Response

from contracts.apis.sema4.platform_webhooks import BODY, NO_RETRY, QUIET
from mock_server.apis.sema4.domain.fields import DOCUMENTED_CALLBACK_FIELDS
from mock_server.apis.sema4.domain.service import StatusChange
from mock_server.apis.sema4.engine.callbacks import CallbackNotifier
from tests.contracts.mutants import LIFECYCLE, WEBHOOKS, Mutant
from tests.support.mutations import is_api, json_body, on_responses, with_json


def _notifier(app: Flask) -> CallbackNotifier:
    notifier: CallbackNotifier = app.extensions["workitems_mock"].apis["sema4"].callbacks
    return notifier


def _file_refusal_is_412(request: Request, response: Response) -> Response | None:
    """upload-file past DRAFT answers the lifecycle's 412 where the platform answers 400."""
    if response.status_code == 400 and is_api(request, "POST", "/upload-file"):
        body = json_body(response)
        body["error"]["code"] = "precondition_failed"
        return with_json(response, body, status=412)
    return None


def _cancel_without_cancelled(request: Request, response: Response) -> Response | None:
    if response.status_code == 200 and is_api(request, "POST", "/cancel"):
        return with_json(response, {"status": "ok"})
    return None


def _retry_callbacks(app: Flask) -> None:
    """A refused delivery is tried twice more, as the documented profile does."""
    notifier = _notifier(app)
    notifier.profile = replace(notifier.profile, callback_retries=2)


def _call_back_on_cancel(app: Flask) -> None:
    """Cancelling an item fires its CANCELLED callback, as the documented profile does."""
    notifier = _notifier(app)

    def announce(change: StatusChange) -> None:
        if change.item.status == "CANCELLED" and change.previous != "CANCELLED":
            notifier._announce(change.item)

    notifier.items.subscribe(announce)


def _documented_body(app: Flask) -> None:
    """Deliveries carry seed 000's body (`timestamp`, `payload`) instead of the platform's."""
    notifier = _notifier(app)
    notifier.profile = replace(notifier.profile, callback_fields=DOCUMENTED_CALLBACK_FIELDS)


PLATFORM_MUTANTS = [
    Mutant(
        "platform_file_refusal_is_412",
        "attaching a file past DRAFT answers 412 where the platform answers 400",
        on_responses(_file_refusal_is_412),
        {LIFECYCLE: {"attach_file from PENDING", "attach_file from COMPLETED"}},
    ),
    Mutant(
        "platform_cancel_without_cancelled",
        'cancel answers `{"status": "ok"}` without `cancelled`',
        on_responses(_cancel_without_cancelled),
        {LIFECYCLE: {"cancel from PENDING", "cancel from EXECUTING"}},
    ),
    Mutant(
        "platform_callback_retried",
        "a refused callback delivery is retried",
        _retry_callbacks,
        {WEBHOOKS: {NO_RETRY}},
    ),
    Mutant(
        "platform_callback_on_cancel",
        "cancelling a work item fires its CANCELLED callback",
        _call_back_on_cancel,
        {WEBHOOKS: {QUIET}},
    ),
    Mutant(
        "platform_documented_callback_body",
        "deliveries carry the documented body (`timestamp`, `payload`), not the platform's",
        _documented_body,
        {WEBHOOKS: {BODY}},
    ),
]
