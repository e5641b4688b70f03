"""What a delivery must look like, read from the callback described in openapi.yaml."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import jsonschema_rs

from contracts.spec import load_spec

SIGNATURE_HEADER = "x-sema4ai-signature"


@dataclass(frozen=True)
class CallbackContract:
    body_schema: dict[str, Any]
    user_agent: str | None  # the `const` the spec gives the User-Agent header

    def body_problems(self, document: Any) -> list[str]:
        validator = jsonschema_rs.validator_for(self.body_schema)
        return [
            f"{'/'.join(map(str, e.instance_path)) or 'body'}: {e.message}"
            for e in validator.iter_errors(document)
        ]


def _resolve(node: Any, root: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            target: Any = root
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            return _resolve(target, root)
        return {key: _resolve(value, root) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve(item, root) for item in node]
    return node


@cache
def callback_contract() -> CallbackContract:
    """The request the createWorkItem callback describes (body schema and headers)."""
    spec = load_spec()
    callbacks = spec["paths"]["/work-items"]["post"]["callbacks"]
    request = next(iter(next(iter(callbacks.values())).values()))["post"]
    request = _resolve(request, spec)
    schema = request["requestBody"]["content"]["application/json"]["schema"]
    agent = next((p for p in request.get("parameters", []) if p["name"] == "User-Agent"), None)
    return CallbackContract(schema, agent["schema"].get("const") if agent else None)


def expected_signature(secret: str, body: bytes) -> str | None:
    """Lowercase hex HMAC-SHA256 of the body re-serialised with sorted keys and compact
    separators, computed here independently of any emulator code; None if not JSON."""
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"))
    except ValueError:
        return None
    return hmac.new(secret.encode(), canonical.encode(), hashlib.sha256).hexdigest()
