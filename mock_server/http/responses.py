"""Compact JSON responses, built without Flask's key sorting so fields keep their order."""

from __future__ import annotations

import json
from collections.abc import Mapping

from flask import Response


class JsonResponse(Response):
    """A JSON response that keeps the document it was built from.

    Whoever reads the answer after the view (the request journal wants the new work item's id
    and the error code) takes it from here instead of parsing the body back.
    """

    document: object = None


def json_response(status: int, body: object, headers: Mapping[str, str] | None = None) -> Response:
    # allow_nan=False: an answer is strict JSON or an error, never `Infinity` or `NaN`.
    text = json.dumps(body, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    response = JsonResponse(
        text, status=status, content_type="application/json", headers=headers or None
    )
    response.document = body
    # The body is one bytes chunk already: passed through, werkzeug hands the WSGI server that
    # list instead of a generator, and granian sends it in one call rather than chunk by chunk.
    response.direct_passthrough = True
    return response
