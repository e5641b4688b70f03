"""Bearer API keys: each belongs to one tenant and may read, or read and write."""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from mock_server.core.errors import Forbidden, Unauthorized
from mock_server.core.principal import Principal


@dataclass(frozen=True)
class ApiKey:
    key: str
    name: str
    tenant_id: str
    user_id: str
    can_write: bool

    @cached_property
    def principal(self) -> Principal:
        """The same immutable value for every request made with this key."""
        return Principal(self.name, self.tenant_id, self.user_id, self.can_write)


def _digest(secret: str) -> bytes:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).digest()


class KeyRing:
    """Looks keys up by their SHA-256 digest, then confirms with a constant-time compare."""

    def __init__(self, keys: Iterable[ApiKey] = ()) -> None:
        self._by_digest = {_digest(key.key): key for key in keys}
        self._lock = threading.Lock()

    def replace_all(self, keys: Iterable[ApiKey]) -> None:
        with self._lock:
            self._by_digest = {_digest(key.key): key for key in keys}

    def add(self, key: ApiKey) -> None:
        with self._lock:
            self._by_digest[_digest(key.key)] = key

    def all(self) -> list[ApiKey]:
        return list(self._by_digest.values())

    def authenticate(
        self, header: str | None, path_tenant: str | None, write: bool, what: str
    ) -> Principal:
        """The caller behind `Authorization`, or Unauthorized/Forbidden saying why not."""
        key = self._key_from_header(header)
        if path_tenant is not None and path_tenant != key.tenant_id:
            raise Unauthorized(
                f"API key {key.name!r} is not valid for tenant {path_tenant!r}.",
                field="Authorization",
                issue=f"the key belongs to tenant {key.tenant_id!r}",
            )
        if write and not key.can_write:
            raise Forbidden(
                f"API key {key.name!r} is read-only; {what} needs write permission.",
                field="Authorization",
                issue="the key lacks write permission",
            )
        return key.principal

    def _key_from_header(self, header: str | None) -> ApiKey:
        if not header:
            raise Unauthorized(
                "Missing Authorization header.",
                field="Authorization",
                issue="send 'Authorization: Bearer <api key>'",
            )
        scheme, _, secret = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise Unauthorized(
                "Invalid Authorization header: expected a Bearer token.",
                field="Authorization",
                issue="send 'Authorization: Bearer <api key>'",
            )
        secret = secret.strip()
        key = self._by_digest.get(_digest(secret))
        if key is None or not hmac.compare_digest(key.key.encode(), secret.encode()):
            raise Unauthorized("Invalid API key.", field="Authorization", issue="unknown API key")
        return key
