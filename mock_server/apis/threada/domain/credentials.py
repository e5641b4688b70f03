"""The credentials the API accepts, found by the digest of the bearer token."""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Iterable

from mock_server.apis.threada.domain.access import Credential
from mock_server.apis.threada.domain.errors import InvalidCredentials, MissingCredentials


def _digest(secret: str) -> bytes:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).digest()


class CredentialRing:
    """Looks tokens up by SHA-256 digest, then confirms with a constant-time compare."""

    def __init__(self, credentials: Iterable[Credential] = ()) -> None:
        self._lock = threading.Lock()
        self._by_digest = {_digest(c.key): c for c in credentials}

    def replace_all(self, credentials: Iterable[Credential]) -> None:
        with self._lock:
            self._by_digest = {_digest(c.key): c for c in credentials}

    def add(self, credential: Credential) -> None:
        with self._lock:
            self._by_digest[_digest(credential.key)] = credential

    def all(self) -> list[Credential]:
        return list(self._by_digest.values())

    def authenticate(self, header: str | None) -> Credential:
        """The credential of `Authorization: Bearer <token>`, or why there is none."""
        if not header or not header.strip():
            raise MissingCredentials(
                "Missing Authorization header; send a scoped credential.",
                field="Authorization",
                issue="send 'Authorization: Bearer <token>'",
            )
        scheme, _, secret = header.strip().partition(" ")
        secret = secret.strip()
        if scheme.lower() != "bearer" or not secret:
            raise MissingCredentials(
                "Invalid Authorization header: expected a Bearer token.",
                field="Authorization",
                issue="send 'Authorization: Bearer <token>'",
            )
        found = self._by_digest.get(_digest(secret))
        if found is None or not hmac.compare_digest(_digest(found.key), _digest(secret)):
            raise InvalidCredentials(
                "Invalid credential.", field="Authorization", issue="unknown token"
            )
        return found
