"""A fault rule's cross-references, checked against what the emulator serves: a rule that could
never fire (a misspelt operationId, a path no API has) is refused, not stored."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from mock_server.core.errors import ValidationFailed
from mock_server.hosting.plugin import ApiRuntime

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
PLACEHOLDER = re.compile(r"\{[^}/]+\}")


def _squashed(text: str) -> str:
    return text.replace("_", "").replace("-", "").lower()


def _refuse(field: str, given: object, choices: Iterable[str]) -> ValidationFailed:
    listed = sorted(set(choices))
    by_shape = {_squashed(choice): choice for choice in listed}
    close = difflib.get_close_matches(_squashed(str(given)), by_shape, n=3, cutoff=0.85)
    hint = f" (did you mean {', '.join(by_shape[c] for c in close)}?)" if close else ""
    shown = ", ".join(listed[:80]) + (", ..." if len(listed) > 80 else "")
    return ValidationFailed(
        f"Unknown {field.removeprefix('body.')} {given!r}{hint}; use one of: {shown}.",
        field=field,
        issue=f"must be one of {shown}",
    )


def check_api(name: str | None, apis: dict[str, ApiRuntime]) -> list[ApiRuntime]:
    """The APIs a rule can match (the one named, or every one)."""
    if name is None:
        return list(apis.values())
    if name not in apis:
        raise _refuse("body.api", name, apis)
    return [apis[name]]


def check_method(method: str | None) -> None:
    if method is not None and method.upper() not in METHODS:
        raise _refuse("body.method", method, METHODS)


def check_operation(operation: str | None, apis: list[ApiRuntime]) -> None:
    known = {op.operation_id for api in apis for op in api.contract.operations}
    if operation is not None and operation not in known:
        raise _refuse("body.operation", operation, known)


def _operation_pattern(path: str) -> re.Pattern[str]:
    """An operation's path, where a segment it templates may be concrete or templated."""
    parts = re.split(r"(\{[^}/]+\})", path.rstrip("/"))
    body = "".join(
        r"(?:[^/{}]+|\{[^}/]+\})" if PLACEHOLDER.fullmatch(p) else re.escape(p) for p in parts
    )
    return re.compile(f"{body}/?")


def check_path(path: str | None, apis: list[ApiRuntime]) -> None:
    """A path or template must lead to some operation, with or without its mount prefix."""
    if path is None:
        return
    for api in apis:
        prefix = re.compile(f"^(?:{api.prefix_pattern})") if api.prefix_pattern else None
        bare = prefix.sub("", path, count=1) if prefix else path
        for operation in api.contract.operations:
            if _operation_pattern(operation.path).fullmatch(bare or "/"):
                return
    known = {op.path for api in apis for op in api.contract.operations}
    raise _refuse("body.path", path, known)


def check_status(status: str | None, apis: list[ApiRuntime]) -> None:
    vocabularies = [api.statuses() for api in apis]
    if status is None or any(not v for v in vocabularies):
        return  # an API that does not list its statuses cannot be checked
    if not any(status in v for v in vocabularies):
        raise _refuse("body.resource_status", status, (s for v in vocabularies for s in v))
