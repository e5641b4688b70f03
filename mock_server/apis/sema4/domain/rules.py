"""Input rules the contract's schema cannot express: names, sizes, callback URLs, UUIDs."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from mock_server.apis.sema4.domain.model import Callback
from mock_server.apis.sema4.domain.profile import Profile
from mock_server.core.errors import BadRequest, ValidationFailed
from mock_server.core.schema import Schema, validate
from mock_server.core.urls import check_webhook_url

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
        size_mb, limit_mb = round(size / 2**20, 5), limit / 2**20
        raise BadRequest(
            f"Work item file attachment size ({size_mb:.5f} MB) exceeds the allowed "
            f"limit ({limit_mb:g} MB).",
            field="file",
            issue=f"file is {size} bytes; the limit is {limit} bytes",
            data={"payload_size_mb": size_mb, "allowed_payload_size_mb": limit_mb},
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


def parse_callbacks(
    raw: Iterable[Mapping[str, Any]] | None, profile: Profile
) -> tuple[Callback, ...]:
    """Callbacks from validated JSON: at most one per status, URLs as the profile checks them."""
    callbacks: list[Callback] = []
    seen: set[str] = set()
    for position, entry in enumerate(raw or ()):
        url = entry["url"]
        # FIDELITY: on the platform a callback without on_status is for NEEDS_REVIEW (§4.2).
        status = entry.get("on_status", profile.callback_default_status)
        where = f"callbacks[{position}]"
        if status not in profile.callback_statuses:
            raise ValidationFailed(
                f"Request validation failed: body.{where}.on_status: must be one of "
                f"{', '.join(profile.callback_statuses)}",
                field=f"{where}.on_status",
                issue="unknown callback status",
            )
        _check_url(url, f"{where}.url", profile)
        if status in seen:
            # FIDELITY: the platform's literal text, with no trailing period (rest.py).
            raise BadRequest(
                f"Multiple callbacks for a status ({status}) are not allowed",
                field=f"{where}.on_status",
                issue=f"a callback for {status} is already registered",
            )
        seen.add(status)
        callbacks.append(Callback(url, status, entry.get("signature_secret")))
    return tuple(callbacks)


def _check_url(url: str, field: str, profile: Profile) -> None:
    if profile.callback_urls_checked:
        check_callback_url(url, field)
    elif not url.strip():
        # FIDELITY: the platform only refuses an empty URL (§8.1); delivery decides the rest.
        raise BadRequest("Callback URL is required", field=field, issue="url is empty")


def check_callback_url(url: str, field: str) -> None:
    check_webhook_url(url, field)


def checked_uuid(value: str, field: str) -> str:
    """`value` as a canonical UUID, or 400 `Invalid UUID: <value>` as the platform answers.

    FIDELITY: any spelling Python's UUID() takes passes (upper case, braces, `urn:uuid:`, no
    dashes), as on the platform; INFERRED: it then names the same item as the canonical form.
    """
    try:
        return str(uuid.UUID(value))
    except (ValueError, TypeError, AttributeError):
        raise BadRequest(
            f"Invalid UUID: {value}", field=field, issue=f"{field} must be a UUID"
        ) from None


def rename_to(name: str) -> str:
    """A new name for an item, normalised; a blank one is refused (§3.10)."""
    normalized = normalize_name(name)
    if normalized is None:
        raise BadRequest(
            "Work item name cannot be empty",
            field="work_item_name",
            issue="the name is empty once trimmed",
        )
    return normalized
