"""Cursor pages of work items: the filters, and opaque tokens bound to them.

FIDELITY: "cursor- or token-based pagination"; `limit`, `page_token` and `next_page_token`
(absent on the last page) are the names of Threada's public API reference. INFERRED: a
token is a keyset cursor (items added meanwhile never shift later pages) bound to the
tenant and filters it was issued for; a token used with other filters is refused.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from mock_server.apis.threada.domain.errors import InvalidPageToken
from mock_server.apis.threada.domain.model import WorkItem
from mock_server.apis.threada.domain.windows import Window


@dataclass(frozen=True)
class ListQuery:
    channel_id: str | None = None
    workflow_id: str | None = None
    status: str | None = None
    policy_version: str | None = None
    window: Window = field(default_factory=Window)
    limit: int = 25
    page_token: str | None = None

    def where(self, tenant_id: str) -> dict[str, Hashable]:
        """The index filters (see the work-item store's indexes)."""
        found: dict[str, Hashable] = {"tenant": tenant_id}
        for index, value in (
            ("channel", self.channel_id),
            ("workflow", self.workflow_id),
            ("status", self.status),
            ("policy_version", self.policy_version),
        ):
            if value is not None:
                found[index] = (tenant_id, value)
        return found

    def also(self) -> Callable[[WorkItem], bool] | None:
        if self.window.end is None:
            return None
        end = self.window.end
        return lambda item: item.created_at < end

    def stop(self) -> Callable[[WorkItem], bool] | None:
        """Items are stored in creation order, so the first one created before `from` ends
        the walk: every later one is older still."""
        if self.window.start is None:
            return None
        start = self.window.start
        return lambda item: item.created_at < start

    def fingerprint(self, tenant_id: str) -> str:
        filters = [
            tenant_id,
            self.channel_id,
            self.workflow_id,
            self.status,
            self.policy_version,
            _text(self.window.start),
            _text(self.window.end),
        ]
        return hashlib.sha256(json.dumps(filters).encode()).hexdigest()[:16]


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def encode_token(before: int, fingerprint: str) -> str:
    raw = f"{before}.{fingerprint}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token: str, fingerprint: str) -> int:
    """The cursor of `token`, or InvalidPageToken when it is not one issued for these filters."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        before, _, issued_for = raw.partition(".")
        cursor = int(before)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InvalidPageToken(
            "page_token is not a token this API issued.",
            field="query.page_token",
            issue="pass next_page_token from the previous page, unchanged",
        ) from None
    if issued_for != fingerprint or cursor < 0:
        raise InvalidPageToken(
            "page_token was issued for other filters; repeat the filters of the first page.",
            field="query.page_token",
            issue="filters differ from the ones the token was issued for",
        )
    return cursor
