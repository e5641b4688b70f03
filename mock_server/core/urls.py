"""URL checks every API shares: is this something a webhook could be delivered to?"""

from __future__ import annotations

from urllib.parse import urlsplit

from mock_server.core.errors import BadRequest


def is_absolute_http_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def check_webhook_url(url: str, field: str, what: str = "Callback URL") -> None:
    if not is_absolute_http_url(url):
        raise BadRequest(
            f"{what} must be an absolute http(s) URL, not {url!r}.",
            field=field,
            issue="must be an absolute http or https URL",
        )
