"""Deliberately broken DocLD emulators: each wraps the app (or its webhook notifier) so it
breaks one promise that a DocLD suite claims to check."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask
from werkzeug.wrappers import Request, Response

from contracts.apis.docld import hooks, lifecycle, refusals, runs, webhooks
from contracts.context import RunContext
from contracts.results import SuiteResult
from tests.support.mutations import json_body, on_responses, with_json

Suite = Callable[[RunContext], SuiteResult]


@dataclass(frozen=True)
class Mutant:
    name: str
    breaks: str
    wrap: Callable[[Flask], None]
    suite: Suite
    caught_by: frozenset[str]  # checks of that suite, any of which must report it


# -- lifecycle: answers rewritten -----------------------------------------------------------


def _executions_changed(change: Callable[[dict[str, Any]], None]):
    def rewrite(request: Request, response: Response) -> Response | None:
        body = json_body(response)
        if not request.path.endswith("/executions") or not isinstance(body, dict):
            return None
        for execution in body.get("executions") or []:
            change(execution)
        return with_json(response, body)

    return rewrite


def _never_ends(execution: dict[str, Any]) -> None:
    execution.update(status="running", completed_at=None)


def _skipped_unlogged(execution: dict[str, Any]) -> None:
    log = execution.get("execution_log") or []
    execution["execution_log"] = [entry for entry in log if entry.get("status") != "skipped"]


def _param_dropped(request: Request, response: Response) -> Response | None:
    body = json_body(response)
    if response.status_code == 400 and isinstance(body, dict) and "param" in body["error"]:
        del body["error"]["param"]
        return with_json(response, body)
    return None


def _disabled_runs(request: Request, response: Response) -> Response | None:
    if request.path.endswith("/execute") and response.status_code == 400:
        started = {"execution_id": "e-1", "status": "running", "started_at": "2025-01-01T00:00:00Z"}
        return with_json(response, started, 200)
    return None


def _error_without_request_id(request: Request, response: Response) -> Response | None:
    if response.status_code == 404:
        del response.headers["x-request-id"]
        return response
    return None


# -- webhooks: the notifier's deliveries changed before the dispatcher gets them ------------

Enqueue = Callable[..., Any]


class _Dispatch:
    """Stands in for the dispatcher DocLD's notifier enqueues with; `change` decides what is
    queued instead (the real enqueue, and the subscription's secret to sign with)."""

    def __init__(self, app: Flask, change: Callable[..., None]) -> None:
        runtime = app.extensions["workitems_mock"].apis["docld"]
        self.notifier = runtime.engine.notifier
        self.inner, self.change = self.notifier.dispatcher, change
        self.notifier.dispatcher = self

    def enqueue(self, subject: str, event: str, url: str, body: bytes, headers: dict, **kw: Any):
        self.change(self, subject, event, url, body, headers, kw)

    def send(self, subject, event, url, body, headers, kw, *, document=None, secret=None):
        """Queue it: with `document` as its body when given, signed with `secret` if given."""
        if document is not None:
            body = json.dumps(document, separators=(",", ":")).encode()
        if secret is not None:
            scheme = self.notifier.scheme
            headers = {**headers, scheme.header: scheme.sign(secret, body)}
        self.inner.enqueue(subject, event, url, body, headers, **kw)

    def secret(self, body: bytes) -> str:
        """The secret of the subscription a delivery is for."""
        webhook_id = json.loads(body)["webhook_id"]
        return str(self.notifier.domain.space.subscriptions[webhook_id].secret)


def _deliveries(change: Callable[..., None]) -> Callable[[Flask], None]:
    def wrap(app: Flask) -> None:
        _Dispatch(app, change)

    return wrap


def _wrong_secret(dispatch, subject, event, url, body, headers, kw) -> None:
    secret = dispatch.secret(body) + "-but-not-quite"
    dispatch.send(subject, event, url, body, headers, kw, secret=secret)


def _without_webhook_id(dispatch, subject, event, url, body, headers, kw) -> None:
    secret, document = dispatch.secret(body), json.loads(body)
    del document["webhook_id"]
    dispatch.send(subject, event, url, body, headers, kw, document=document, secret=secret)


def _started_late() -> Callable[..., None]:
    """`workflow.started` goes out after the event that follows it."""
    held: dict[tuple[str, str], tuple] = {}

    def change(dispatch, subject, event, url, body, headers, kw) -> None:
        if event == "workflow.started":
            held[(subject, url)] = (subject, event, url, body, headers, kw)
            return
        dispatch.send(subject, event, url, body, headers, kw)
        if (subject, url) in held:
            dispatch.send(*held.pop((subject, url)))

    return change


def _no_step_events(dispatch, subject, event, url, body, headers, kw) -> None:
    if event != "workflow.step.completed":
        dispatch.send(subject, event, url, body, headers, kw)


def _sent_to_everyone(dispatch, subject, event, url, body, headers, kw) -> None:
    """Every workflow event also goes to every other subscription of the organization."""
    dispatch.send(subject, event, url, body, headers, kw)
    document = json.loads(body)
    subscriptions = dispatch.notifier.domain.space.subscriptions
    for other in list(subscriptions.values()):
        if other.id != document["webhook_id"] and event not in other.events:
            copy = {**document, "webhook_id": other.id}
            lane = f"{subject} {other.id}"
            changed = {**kw, "lane": lane}
            dispatch.send(
                subject,
                event,
                other.url,
                body,
                headers,
                changed,
                document=copy,
                secret=other.secret,
            )


def _never_retried(dispatch, subject, event, url, body, headers, kw) -> None:
    dispatch.send(subject, event, url, body, headers, {**kw, "retries": 0})


LIFECYCLE = [
    Mutant(
        "validation_error_without_param",
        "a 400 for a broken rule does not say which field (no `param`)",
        on_responses(_param_dropped),
        lifecycle.run_lifecycle,
        frozenset(rule.outcome for rule in refusals.RULES),
    ),
    Mutant(
        "execution_never_ends",
        "executions are always listed `running`",
        on_responses(_executions_changed(_never_ends)),
        lifecycle.run_lifecycle,
        frozenset({runs.COMPLETED, runs.SKIPPED, runs.FAILED}),
    ),
    Mutant(
        "skipped_step_unlogged",
        "a step a false condition skipped is missing from the execution_log",
        on_responses(_executions_changed(_skipped_unlogged)),
        lifecycle.run_lifecycle,
        frozenset({runs.SKIPPED}),
    ),
    Mutant(
        "disabled_workflow_runs",
        "executing a disabled workflow answers 200 running",
        on_responses(_disabled_runs),
        lifecycle.run_lifecycle,
        frozenset({runs.DISABLED}),
    ),
    Mutant(
        "404_without_request_id",
        "a 404 answer carries no x-request-id",
        on_responses(_error_without_request_id),
        lifecycle.run_lifecycle,
        frozenset({lifecycle.REQUEST_ID}),
    ),
]

WEBHOOKS = [
    Mutant(
        "wrong_signature",
        "deliveries are signed with another secret than the subscription's",
        _deliveries(_wrong_secret),
        webhooks.run_webhooks,
        frozenset({hooks.SIGNED}),
    ),
    Mutant(
        "envelope_without_webhook_id",
        "deliveries (correctly signed) carry no webhook_id",
        _deliveries(_without_webhook_id),
        webhooks.run_webhooks,
        frozenset({hooks.ENVELOPE}),
    ),
    Mutant(
        "started_after_first_step",
        "workflow.started arrives after the first workflow.step.completed",
        _deliveries(_started_late()),
        webhooks.run_webhooks,
        frozenset({hooks.ORDERED, hooks.FAILED_ORDER}),
    ),
    Mutant(
        "no_step_events",
        "no workflow.step.completed is sent",
        _deliveries(_no_step_events),
        webhooks.run_webhooks,
        frozenset({hooks.ORDERED, hooks.FAILED_ORDER}),
    ),
    Mutant(
        "unsubscribed_events_sent",
        "every workflow event goes to every subscription, asked for or not",
        _deliveries(_sent_to_everyone),
        webhooks.run_webhooks,
        frozenset({hooks.ONLY_SUBSCRIBED}),
    ),
    Mutant(
        "never_retried",
        "a delivery answered 500 is not tried again",
        _deliveries(_never_retried),
        webhooks.run_webhooks,
        frozenset({hooks.RETRIES}),
    ),
]

MUTANTS = LIFECYCLE + WEBHOOKS
