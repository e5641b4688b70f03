"""Who is calling: a scoped credential, acting in one tenant, holding the operation's scope.

FIDELITY: each operation's scopes are the contract's `security` requirement (the reference's
scope names); a credential without one is 403 `authorization`/`missing_scope`, and a request
without valid tenant context fails closed (403), never falling back to a default tenant.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import request

from mock_server.apis.threada.domain.access import TENANT_HEADER, Caller, caller_for
from mock_server.apis.threada.domain.credentials import CredentialRing
from mock_server.core.openapi import Contract, Operation


def operation_scopes(contract: Contract) -> dict[str, tuple[str, ...]]:
    """Each operation's acceptable scopes (any one of them will do), from the contract."""
    found: dict[str, tuple[str, ...]] = {}
    for item in contract.resolved["paths"].values():
        for spec in item.values():
            if isinstance(spec, Mapping) and "operationId" in spec:
                options = spec.get("security", contract.resolved.get("security", []))
                scopes = [scope for option in options for need in option.values() for scope in need]
                found[spec["operationId"]] = tuple(dict.fromkeys(scopes))
    return found


def authenticate(
    credentials: CredentialRing, scopes: Mapping[str, tuple[str, ...]], operation: Operation,
    authorization: str | None,
) -> Caller:  # fmt: skip
    """401 without a known credential; 403 without tenant context or the operation's scope."""
    credential = credentials.authenticate(authorization)
    caller = caller_for(credential, request.headers.get(TENANT_HEADER))
    needed = scopes.get(operation.operation_id, ())
    if needed:
        caller.require(*needed, what=f"{operation.method} {operation.path}")
    return caller
