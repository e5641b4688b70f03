"""Compact JSON responses, built without Flask's key sorting so fields keep their order."""

from __future__ import annotations

import json
from collections.abc import Mapping

from flask import Response


def json_response(status: int, body: object, headers: Mapping[str, str] | None = None) -> Response:
    text = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
    return Response(text, status=status, mimetype="application/json", headers=dict(headers or {}))
