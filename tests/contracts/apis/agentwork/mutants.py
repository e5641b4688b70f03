"""Agentwork emulators broken on purpose: each wraps the app so it breaks one promise."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask
from werkzeug.wrappers import Request, Response

from contracts.apis.agentwork.lifecycle import access, reading, stops
from contracts.apis.agentwork.lifecycle.matrix import case_name
from tests.support.mutations import json_body, on_requests, on_responses, with_json

TASK_ACTION = re.compile(r"/api/v1/tasks/[^/]+/(message|spec-status|solution-status|cancel)$")
ONE_TASK = re.compile(r"/api/v1/tasks/[^/]+$")


@dataclass(frozen=True)
class Mutant:
    name: str
    breaks: str  # the promise it breaks
    wrap: Callable[[Flask], None]
    caught_by: frozenset[str]  # the lifecycle checks meant to catch it (any of them will do)


def _illegal_move_is_409(request: Request, response: Response) -> Response | None:
    if response.status_code == 400 and TASK_ACTION.search(request.path):
        body = {"status_code": 409, "detail": json_body(response)["detail"]}
        return with_json(response, body, status=409)
    return None


def _illegal_cancel_is_ok(request: Request, response: Response) -> Response | None:
    if response.status_code == 400 and request.path.endswith("/cancel"):
        return with_json(response, {"success": True, "status": "cancelled"}, status=200)
    return None


def _rejected_solution_is_confirmed(environ: dict[str, Any]) -> None:
    """solution-status REJECTED is taken as CONFIRMED: a rejection completes the task."""
    if not environ["PATH_INFO"].endswith("/solution-status"):
        return
    raw = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    body = json.loads(raw or b"{}")
    if str(body.get("status", "")).upper() == "REJECTED":
        body = {"status": "CONFIRMED"}
    data = json.dumps(body).encode()
    environ["wsgi.input"], environ["CONTENT_LENGTH"] = io.BytesIO(data), str(len(data))


def _bare_401(request: Request, response: Response) -> Response | None:
    if response.status_code == 401:
        return with_json(response, {"detail": "Not authenticated"})
    return None


def _events_newest_first(request: Request, response: Response) -> Response | None:
    body = json_body(response)
    if request.path.endswith("/events") and isinstance(body, dict) and body.get("events"):
        body["events"].reverse()
        return with_json(response, body)
    return None


def _question_hidden(request: Request, response: Response) -> Response | None:
    body = json_body(response)
    waiting = isinstance(body, dict) and body.get("status") == "awaiting_reply"
    if request.method == "GET" and ONE_TASK.search(request.path) and waiting:
        body["question"] = None
        return with_json(response, body)
    return None


MUTANTS = [
    Mutant(
        "illegal_move_is_409",
        "an illegal move is answered 409 instead of 400",
        on_responses(_illegal_move_is_409),
        frozenset({case_name("message", "processing"), case_name("cancel", "completed")}),
    ),
    Mutant(
        "illegal_cancel_is_ok",
        "cancelling a completed or cancelled task answers 200",
        on_responses(_illegal_cancel_is_ok),
        frozenset({case_name("cancel", "completed"), case_name("cancel", "cancelled")}),
    ),
    Mutant(
        "rejection_completes",
        "a rejected solution completes the task instead of going back to processing",
        on_requests(_rejected_solution_is_confirmed),
        frozenset({stops.REJECT_SOLUTION}),
    ),
    Mutant(
        "bare_401",
        "401 comes without the {status_code, detail} envelope",
        on_responses(_bare_401),
        frozenset({access.NO_KEY}),
    ),
    Mutant(
        "events_newest_first",
        "the activity log is answered newest first",
        on_responses(_events_newest_first),
        frozenset({reading.EVENTS}),
    ),
    Mutant(
        "question_hidden",
        "a task awaiting a reply does not show its question",
        on_responses(_question_hidden),
        frozenset({stops.shown_name("awaiting_reply")}),
    ),
]
