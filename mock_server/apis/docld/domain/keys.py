"""DocLD API keys (`docld_...`): each of one organization and tier, with its own rate limits."""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from mock_server.core.clock import isoformat_z
from mock_server.core.errors import Unauthorized
from mock_server.core.principal import Principal

PREFIX = "docld_"
# Why a key was refused (the `issue` of the Unauthorized raised); the envelope's code follows.
NO_KEY = "no Authorization"
NOT_BEARER = "not a Bearer token"
UNKNOWN_KEY = "unknown API key"
EXPIRED_KEY = "the key has expired"


@dataclass(frozen=True)
class DocldKey:
    key: str
    name: str
    tier: str
    organization_id: str
    user_id: str
    rate_limit_rpm: int
    rate_limit_rpd: int
    expires_at: datetime | None = None

    @cached_property
    def principal(self) -> Principal:
        return Principal(self.name, self.organization_id, self.user_id, True)


def _digest(secret: str) -> bytes:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).digest()


def _refuse(message: str, issue: str) -> Unauthorized:
    return Unauthorized(message, field="Authorization", issue=issue)


class KeyDirectory:
    """Finds a key by its SHA-256 digest, then confirms it with a constant-time compare."""

    def __init__(self, keys: Iterable[DocldKey] = ()) -> None:
        self._lock = threading.Lock()
        self._by_digest = {_digest(k.key): k for k in keys}

    def replace_all(self, keys: Iterable[DocldKey]) -> None:
        with self._lock:
            self._by_digest = {_digest(k.key): k for k in keys}

    def add(self, key: DocldKey) -> None:
        with self._lock:
            self._by_digest[_digest(key.key)] = key

    def all(self) -> list[DocldKey]:
        return list(self._by_digest.values())

    def authenticate(self, header: str | None, now: datetime) -> DocldKey:
        """The key behind `Authorization: Bearer docld_...`, or Unauthorized saying why not."""
        if not header:
            raise _refuse("Missing API key: send 'Authorization: Bearer docld_...'.", NO_KEY)
        scheme, _, secret = header.strip().partition(" ")
        secret = secret.strip()
        if scheme.lower() != "bearer" or not secret:
            raise _refuse("Invalid Authorization header: expected 'Bearer docld_...'.", NOT_BEARER)
        key = self._by_digest.get(_digest(secret))
        if key is None or not hmac.compare_digest(key.key.encode(), secret.encode()):
            hint = "" if secret.startswith(PREFIX) else f"; DocLD keys start with {PREFIX!r}"
            raise _refuse(f"Invalid API key{hint}.", UNKNOWN_KEY)
        if key.expires_at is not None and key.expires_at <= now:
            raise _refuse(
                f"API key {key.name!r} expired at {isoformat_z(key.expires_at)}.",
                EXPIRED_KEY,
            )
        return key
