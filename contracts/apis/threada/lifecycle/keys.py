"""The extra credentials the access checks need: the emulator's fixtures, or named variables.

Against a deployment, set (each optional; what one would test is skipped without it):
  THREADA_KEY_WITHOUT_<SCOPE>  a key of the main key's tenant lacking that scope, e.g.
                               THREADA_KEY_WITHOUT_WORKFLOW_MANAGE (the scope upper-cased,
                               `:` as `_`)
  THREADA_OTHER_TENANT_KEY     a key of another tenant, with workitems:read and workflow:manage
  THREADA_MULTI_TENANT_KEY     a key bound to several tenants (it must name one per request)
  THREADA_UNBOUND_KEY          a key bound to no tenant
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import requests

from contracts.http import LimitedSession
from contracts.target import Target

SCOPES = (
    "workitems:read",
    "workitems:write",
    "workflow:manage",
    "actions:execute",
    "telemetry:read",
)
OTHER_TENANT_VARIABLE = "THREADA_OTHER_TENANT_KEY"
MULTI_TENANT_VARIABLE = "THREADA_MULTI_TENANT_KEY"
UNBOUND_VARIABLE = "THREADA_UNBOUND_KEY"


def scope_variable(scope: str) -> str:
    return "THREADA_KEY_WITHOUT_" + scope.upper().replace(":", "_")


@dataclass(frozen=True)
class Lacking:
    """A key without `scope`, and a key with every scope in the same tenant (to make items)."""

    key: str
    owner: object  # a key string, or the client's sentinel for the target's key


@dataclass(frozen=True)
class Keys:
    lacking: Mapping[str, Lacking] = field(default_factory=dict)  # scope -> a key without it
    other_tenant: str | None = None
    multi_tenant: str | None = None
    unbound: str | None = None
    source: str = "environment"

    def secrets(self) -> dict[str, str]:
        """Each key's name in curl lines, so reports never show a key in clear."""
        named = {k.key: scope_variable(scope) for scope, k in self.lacking.items()}
        for key, variable in (
            (self.other_tenant, OTHER_TENANT_VARIABLE),
            (self.multi_tenant, MULTI_TENANT_VARIABLE),
            (self.unbound, UNBOUND_VARIABLE),
        ):
            if key:
                named[key] = variable
        return named


def from_environment(owner: object, environ: Mapping[str, str] = os.environ) -> Keys:
    lacking = {
        scope: Lacking(environ[scope_variable(scope)], owner)
        for scope in SCOPES
        if environ.get(scope_variable(scope))
    }
    return Keys(
        lacking,
        environ.get(OTHER_TENANT_VARIABLE) or None,
        environ.get(MULTI_TENANT_VARIABLE) or None,
        environ.get(UNBOUND_VARIABLE) or None,
    )


def from_control_plane(target: Target, session: LimitedSession) -> Keys:
    """The emulator's fixture keys, as `GET /_mock/apis/threada` lists them."""
    url = f"{target.origin}/_mock/apis/threada"
    try:
        response = session.get(url, timeout=target.request_timeout)
        described = response.json() if response.ok else {}
    except (requests.RequestException, ValueError):
        described = {}
    listed = described.get("keys") if isinstance(described, dict) else None
    return from_fixtures(target.api_key, [k for k in listed or [] if isinstance(k, dict)])


def from_fixtures(main_key: str, keys: list[dict[str, Any]]) -> Keys:
    main = next((k for k in keys if k.get("key") == main_key), None)
    tenants = set(main.get("tenants") or []) if main else set()
    full = [k for k in keys if set(k.get("scopes") or []) >= set(SCOPES)]
    single = [k for k in full if len(k.get("tenants") or []) == 1]

    def owner_of(key: dict[str, Any]) -> object | None:
        """A key with every scope in `key`'s one tenant; the main key when it is that."""
        bound = key.get("tenants") or []
        if len(bound) != 1:
            return None
        owners = [k["key"] for k in single if k.get("tenants") == bound]
        return owners[0] if owners else None

    lacking: dict[str, Lacking] = {}
    for scope in SCOPES:
        for key in keys:
            owner = owner_of(key)
            if scope not in (key.get("scopes") or []) and owner is not None:
                lacking[scope] = Lacking(str(key["key"]), owner)
                break
    others = [k["key"] for k in single if not set(k.get("tenants") or []) & tenants]
    multi = [k["key"] for k in keys if len(k.get("tenants") or []) > 1]
    unbound = [k["key"] for k in keys if not k.get("tenants")]
    return Keys(
        lacking,
        others[0] if others else None,
        multi[0] if multi else None,
        unbound[0] if unbound else None,
        source="the emulator's fixtures",
    )
