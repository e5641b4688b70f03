"""curl commands that reproduce a request, with API keys replaced by environment variables."""

from __future__ import annotations

import json
import shlex
from collections.abc import Mapping
from typing import Any

Multipart = Mapping[str, "str | tuple[str, bytes, str]"]
SCHEMATHESIS_MASK = "'Authorization: [Filtered]'"


def curl_command(
    method: str,
    url: str,
    headers: Mapping[str, str],
    *,
    json_body: Any = None,
    multipart: Multipart | None = None,
    secrets: Mapping[str, str],
) -> str:
    """A curl line for the request; a key in `secrets` shows as `$VARIABLE`, never in clear."""
    words = ["curl", "-X", method, shlex.quote(url)]
    for name, header in headers.items():
        words += ["-H", _header(name, header, secrets)]
    if json_body is not None:
        words += ["-H", shlex.quote("Content-Type: application/json")]
        words += ["--data", shlex.quote(json.dumps(json_body, separators=(",", ":")))]
    for name, part in (multipart or {}).items():
        if isinstance(part, str):
            words += ["-F", shlex.quote(f"{name}={part}")]
        else:  # a file: curl reads it from disk by name
            filename, _, content_type = part
            words += ["-F", shlex.quote(f"{name}=@{filename};type={content_type}")]
    return " ".join(words)


def _header(name: str, value: str, secrets: Mapping[str, str]) -> str:
    for secret, variable in secrets.items():
        if secret and secret in value:
            # Double quotes so the shell expands the variable.
            return '"' + f"{name}: {value.replace(secret, '$' + variable)}" + '"'
    return shlex.quote(f"{name}: {value}")


def unmask_schemathesis(curl: str) -> str:
    """Schemathesis hides the Authorization value; show where the key goes instead."""
    return curl.replace(SCHEMATHESIS_MASK, '"Authorization: Bearer $WORKITEMS_API_KEY"')
