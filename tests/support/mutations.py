"""WSGI middleware that breaks an emulator app on purpose, for testing the contract suites."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from flask import Flask
from werkzeug.wrappers import Request, Response

Rewrite = Callable[[Request, Response], Response | None]


def on_responses(rewrite: Rewrite) -> Callable[[Flask], None]:
    """Rewrite what the emulator answers (never reading the request body)."""

    def wrap(app: Flask) -> None:
        inner = app.wsgi_app

        def middleware(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
            response = Response.from_app(inner, environ)
            response = rewrite(Request(environ), response) or response
            return response(environ, start_response)

        app.wsgi_app = middleware  # type: ignore[method-assign]

    return wrap


def on_requests(change: Callable[[dict[str, Any]], None]) -> Callable[[Flask], None]:
    """Change the request environ before the emulator sees it."""

    def wrap(app: Flask) -> None:
        inner = app.wsgi_app

        def middleware(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
            change(environ)
            return inner(environ, start_response)

        app.wsgi_app = middleware  # type: ignore[method-assign]

    return wrap


def json_body(response: Response) -> Any:
    try:
        return json.loads(response.get_data())
    except ValueError:
        return None


def with_json(response: Response, body: Any, status: int | None = None) -> Response:
    """The response with a new JSON body (and status), its other headers (Allow...) kept."""
    kept = [(k, v) for k, v in response.headers if k not in ("Content-Type", "Content-Length")]
    return Response(
        json.dumps(body),
        status=status or response.status_code,
        headers=kept,
        mimetype="application/json",
    )


def each_item(body: Any, change: Callable[[dict[str, Any]], None]) -> Any:
    """Apply `change` to every work item in an answer: the item itself or a page's records."""
    if isinstance(body, dict) and "status" in body and "work_item_id" in body:
        change(body)
    if isinstance(body, dict) and isinstance(body.get("records"), list):
        for record in body["records"]:
            change(record)
    return body


def is_api(request: Request, method: str, suffix: str) -> bool:
    return request.method == method and request.path.endswith(suffix)
