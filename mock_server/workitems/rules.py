"""Input rules beyond what the validator checks on a field: file names, sizes, callbacks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from mock_server.core.errors import BadRequest
from mock_server.core.schema import Schema, validate
from mock_server.workitems.model import Callback

MAX_NAME_LENGTH = 255


def check_file_name(name: str, rule: Schema) -> None:
    """Reject a name `rule` (the contract's `FileName`) refuses, with the platform's messages.

    A file part's filename is no schema value, so the validator never sees it: this applies
    the contract's rule to it, and to the remote-upload name sent some other way.
    """
    if not validate(rule, name):
        return
    if not name:
        raise BadRequest("Invalid empty file name.", field="file", issue="file name is empty")
    raise BadRequest(
        f"Invalid file name: {name!r}.",
        field="file",
        issue="file names may not be '.' or '..' nor contain '/', '\\' or NUL",
    )


def check_file_size(size: int, limit: int) -> None:
    if size > limit:
        raise BadRequest(
            f"Work item file attachment size ({size / 2**20:.5f} MB) exceeds the allowed "
            f"limit ({limit / 2**20:g} MB).",
            field="file",
            issue=f"file is {size} bytes; the limit is {limit} bytes",
        )


def check_body_size(size: int, limit: int) -> None:
    if size > limit:
        raise BadRequest(
            f"Work item payload size ({size / 1024:.2f} KB) exceeds the allowed limit "
            f"({limit / 1024:g} KB).",
            field="body",
            issue=f"request body is {size} bytes; the limit is {limit} bytes",
        )


def normalize_name(name: str | None, default: str | None = None) -> str | None:
    """Trimmed name, the default when blank, cut to 255 characters with an ellipsis."""
    trimmed = (name or "").strip()
    if not trimmed:
        return default
    if len(trimmed) > MAX_NAME_LENGTH:
        return trimmed[: MAX_NAME_LENGTH - 3] + "..."
    return trimmed


def parse_callbacks(raw: Iterable[Mapping[str, Any]] | None) -> tuple[Callback, ...]:
    """Callbacks from validated JSON: absolute http(s) URLs, at most one per status."""
    callbacks: list[Callback] = []
    seen: set[str] = set()
    for position, entry in enumerate(raw or ()):
        url, status = entry["url"], entry["on_status"]
        check_callback_url(url, f"callbacks[{position}].url")
        if status in seen:
            raise BadRequest(
                f"Multiple callbacks for a status ({status}) are not allowed.",
                field=f"callbacks[{position}].on_status",
                issue=f"a callback for {status} is already registered",
            )
        seen.add(status)
        callbacks.append(Callback(url, status, entry.get("signature_secret")))
    return tuple(callbacks)


def check_callback_url(url: str, field: str) -> None:
    if not _is_absolute_http_url(url):
        raise BadRequest(
            f"Callback URL must be an absolute http(s) URL, not {url!r}.",
            field=field,
            issue="must be an absolute http or https URL",
        )


def _is_absolute_http_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)
