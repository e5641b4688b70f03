"""Sends one HTTP POST for a webhook attempt, with a timeout, using only the stdlib."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

BODY_PREFIX_BYTES = 1024


@dataclass(frozen=True)
class TransportResult:
    status: int
    body_prefix: str


class Transport(Protocol):
    def post(
        self, url: str, body: bytes, headers: Mapping[str, str], timeout: float
    ) -> TransportResult:
        """POST `body`; answer status and the first KB, or raise OSError on no answer."""
        ...


class HttpTransport:
    """urllib without redirects: a webhook receiver answers the POST itself."""

    def __init__(self) -> None:
        self._opener = urllib.request.build_opener(_NoRedirect)

    def post(
        self, url: str, body: bytes, headers: Mapping[str, str], timeout: float
    ) -> TransportResult:
        request = urllib.request.Request(url, data=body, headers=dict(headers), method="POST")
        try:
            with self._opener.open(request, timeout=timeout) as response:
                return TransportResult(response.status, _prefix(response))
        except urllib.error.HTTPError as error:
            with error:
                return TransportResult(error.code, _prefix(error))
        except (urllib.error.URLError, http.client.HTTPException, ValueError) as error:
            raise OSError(_describe(error)) from error


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _prefix(response: http.client.HTTPResponse | urllib.error.HTTPError) -> str:
    return response.read(BODY_PREFIX_BYTES).decode("utf-8", errors="replace")


def _describe(error: Exception) -> str:
    reason = getattr(error, "reason", None)
    return str(reason if reason is not None else error) or type(error).__name__
