"""Threada's error model: a typed category, a reason code, a message and a correlation id,
in the body and the `X-Correlation-Id` header, on every error."""

from __future__ import annotations

import re

from contracts.apis.threada.lifecycle.client import CORRELATION_HEADER, Reply
from contracts.lifecycle.expect import Expect

CATEGORIES = ("validation", "authorization", "policy", "execution")
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9_]*$")
ENVELOPE_CHECK = "every error has a category, reason code, message and correlation id"
ENVELOPE = (
    'application/json {"error": {"type": <category>, "code": <reason>, "message", '
    f'"correlation_id"}}}} and the same id in {CORRELATION_HEADER}'
)


def envelope_problem(reply: Reply) -> str | None:
    """What is wrong with an error reply's envelope, or None when it is as documented."""
    if reply.content_type != "application/json":
        return f"Content-Type is {reply.content_type or 'missing'}, not application/json"
    error = reply.error
    if not error:
        return 'the body is not an object with an "error" object'
    if error.get("type") not in CATEGORIES:
        return f"error.type is {error.get('type')!r}, not one of {', '.join(CATEGORIES)}"
    code, message = error.get("code"), error.get("message")
    if not isinstance(code, str) or not SNAKE_CASE.match(code):
        return f"error.code is {code!r}, not a snake_case reason code"
    if not isinstance(message, str) or not message.strip():
        return f"error.message is {message!r}, not a non-empty string"
    correlation = error.get("correlation_id")
    if not isinstance(correlation, str) or not correlation:
        return f"error.correlation_id is {correlation!r}, not a non-empty string"
    header = reply.header(CORRELATION_HEADER)
    if header != correlation:
        return f"{CORRELATION_HEADER} is {header!r}, not the body's {correlation!r}"
    return None


def error(expect: Expect, reply: Reply, status: int, category: str) -> bool:
    """`status` with the documented envelope in `category`; records what differs."""
    if not expect.status(reply, status):
        return False
    problem = envelope_problem(reply)
    if problem is not None:
        expect.violation(reply, ENVELOPE, f"{problem}: {reply.summary()}", check=ENVELOPE_CHECK)
        return False
    return expect.true(
        reply.error.get("type") == category,
        reply,
        f"error.type {category!r}",
        f"error.type {reply.error.get('type')!r}: {reply.summary()}",
    )


def code_of(reply: Reply) -> str:
    return str(reply.error.get("code"))
