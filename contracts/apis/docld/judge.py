"""DocLD's error envelope `{"error": {type, message, code, param?}}`, judged per answer."""

from __future__ import annotations

from typing import Any

from contracts.apis.docld.api import Answer
from contracts.lifecycle.expect import Expect

ERROR_TYPES = frozenset(
    {
        "invalid_request_error",
        "authentication_error",
        "not_found_error",
        "rate_limit_error",
        "api_error",
    }
)
ENVELOPE = 'application/json {"error": {"type": <one of five>, "message", "code", "param"?}}'


def envelope_problem(answer: Answer) -> str | None:
    """What is wrong with an error answer's envelope, or None when it is as documented."""
    exchange = answer.exchange
    if exchange.content_type != "application/json":
        return f"Content-Type is {exchange.content_type or 'missing'}, not application/json"
    error = exchange.item.get("error")
    if not isinstance(error, dict):
        return 'the body is not an object with an "error" object'
    if error.get("type") not in ERROR_TYPES:
        return f"error.type is {error.get('type')!r}, not one of {sorted(ERROR_TYPES)}"
    message, code = error.get("message"), error.get("code")
    if not isinstance(message, str) or not message.strip():
        return f"error.message is {message!r}, not a non-empty string"
    if not isinstance(code, str) or not code:
        return f"error.code is {code!r}, not a string"
    param = error.get("param")
    if param is not None and not isinstance(param, str):
        return f"error.param is {param!r}, not a string"
    return None


def names_field(param: Any, fragments: tuple[str, ...]) -> bool:
    """Whether `param` names the field: every fragment (`steps`, `id`) appears in it, the
    last one as its final segment (`definition.steps[1].id`, or plain `id`)."""
    if not isinstance(param, str) or not fragments:
        return False
    last = param.replace("]", "").replace("[", ".").split(".")[-1]
    return last == fragments[-1] and all(fragment in param for fragment in fragments)


class DocldExpect(Expect):
    """Expectations that know DocLD's envelope and headers."""

    def refused(self, answer: Answer, status: int, kind: str, param: tuple[str, ...] = ()) -> bool:
        """`status` in the envelope with error type `kind` and, when given, a `param`
        naming the field at fault."""
        exchange = answer.exchange
        if not self.status(exchange, status):
            return False
        problem = envelope_problem(answer)
        if problem is not None:
            return self.true(False, exchange, ENVELOPE, f"{problem}: {exchange.summary()}")
        error = exchange.item["error"]
        ok = self.equal(exchange, "error.type", error.get("type"), kind)
        if param:
            named = names_field(error.get("param"), param)
            wanted = f"error.param naming {'.'.join(param)}"
            ok = self.true(named, exchange, wanted, f"error.param = {error.get('param')!r}") and ok
        return ok

    def created(self, answer: Answer, name: str) -> dict[str, Any]:
        """The record a create answered (201, or 200) under `name`; stops the case if none."""
        exchange = answer.exchange
        self.require(self.status(exchange, 200, 201))
        record = answer.record(name)
        self.require(
            self.true(
                isinstance(record.get("id"), str),
                exchange,
                f'a body {{"{name}": {{"id": ...}}}}',
                exchange.summary(),
            )
        )
        return record
