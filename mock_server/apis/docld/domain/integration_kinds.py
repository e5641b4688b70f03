"""Integration types as data: the config fields each takes, and how each field is checked."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from mock_server.apis.docld.domain.invalid import refuse


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "must be a non-empty string"


def _url(value: Any) -> str | None:
    if not isinstance(value, str) or urlsplit(value).scheme not in ("http", "https"):
        return "must be an http(s) URL"
    return None if urlsplit(value).hostname else "must be an http(s) URL with a host"


def _emails(value: Any) -> str | None:
    addresses = value if isinstance(value, list) else [value]
    if addresses and all(isinstance(a, str) and "@" in a for a in addresses):
        return None
    return "must be an e-mail address or a list of them"


def _headers(value: Any) -> str | None:
    if isinstance(value, Mapping) and all(isinstance(v, str) for v in value.values()):
        return None
    return "must be an object of header names to string values"


def _method(value: Any) -> str | None:
    if isinstance(value, str) and value.upper() in ("POST", "PUT", "PATCH"):
        return None
    return "must be POST, PUT or PATCH"


FIELD_CHECKS: Mapping[str, Callable[[Any], str | None]] = {
    "text": _text,
    "url": _url,
    "emails": _emails,
    "headers": _headers,
    "method": _method,
}


@dataclass(frozen=True, slots=True)
class ConfigField:
    name: str
    kind: str  # a key of FIELD_CHECKS
    required: bool = False


@dataclass(frozen=True, slots=True)
class IntegrationKind:
    """One integration type; `inbox` names the capture inbox slack and email messages go to
    (a webhook integration POSTs to its own `url` instead)."""

    name: str
    fields: tuple[ConfigField, ...]
    inbox: str | None = None

    def check(self, config: Any, where: str = "config") -> dict[str, Any]:
        if not isinstance(config, Mapping):
            refuse(where, "must be an object")
        known = {f.name: f for f in self.fields}
        for key in config:
            if key not in known:
                refuse(f"{where}.{key}", f"a {self.name} integration takes {', '.join(known)}")
        for spec in self.fields:
            if spec.name not in config:
                if spec.required:
                    refuse(f"{where}.{spec.name}", f"is required for a {self.name} integration")
                continue
            issue = FIELD_CHECKS[spec.kind](config[spec.name])
            if issue is not None:
                refuse(f"{where}.{spec.name}", issue)
        return dict(config)
