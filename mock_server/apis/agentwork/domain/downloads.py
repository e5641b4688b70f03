"""Pre-signed download URLs for result files: an expiry and an HMAC over it."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from mock_server.core.errors import Forbidden

URL_LIFETIME = timedelta(hours=1)  # FIDELITY: "presigned S3 download URLs (valid for 1 hour)"


class DownloadSigner:
    def __init__(self, secret: str) -> None:
        self.secret = secret

    def _signature(self, file_id: str, expires: int) -> str:
        message = f"{file_id}:{expires}".encode("utf-8", "surrogatepass")
        return hmac.new(self.secret.encode(), message, hashlib.sha256).hexdigest()

    def grant(self, file_id: str, now: datetime) -> tuple[int, str]:
        """(expires, signature) for a URL that works for the next hour."""
        expires = int((now + URL_LIFETIME).timestamp())
        return expires, self._signature(file_id, expires)

    def check(self, file_id: str, expires: int, signature: str, now: datetime) -> None:
        """Forbidden for a tampered or expired URL (S3 refuses both with 403)."""
        expected = self._signature(file_id, expires)
        if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
            raise Forbidden(
                "The request signature does not match", field="signature", issue="tampered URL"
            )
        if now.timestamp() > expires:
            raise Forbidden("Request has expired", field="expires", issue="the URL expired")
