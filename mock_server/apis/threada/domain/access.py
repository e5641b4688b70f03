"""Scoped credentials and tenant context: who may do what, in which tenant, or nothing.

FIDELITY: the scopes are the reference's; "requests without valid context fail closed".
INFERRED: a credential is bound to tenants; one bound to a single tenant acts in it, one
bound to several must name one in `X-Tenant-Id`, one bound to none can do nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from mock_server.apis.threada.domain.errors import (
    MissingScope,
    TenantContextRequired,
    TenantNotPermitted,
)
from mock_server.apis.threada.domain.model import Actor
from mock_server.core.principal import Principal

READ, WRITE, MANAGE, EXECUTE, TELEMETRY = (
    "workitems:read", "workitems:write", "workflow:manage", "actions:execute", "telemetry:read",
)  # fmt: skip
SCOPES = (READ, WRITE, MANAGE, EXECUTE, TELEMETRY)
TENANT_HEADER = "X-Tenant-Id"


@dataclass(frozen=True, slots=True)
class Credential:
    key: str
    name: str
    tenants: frozenset[str]
    scopes: frozenset[str]
    actor: Actor


@dataclass(frozen=True, slots=True)
class Caller(Principal):
    """An authenticated request's credential, resolved to one tenant."""

    scopes: frozenset[str]
    actor: Actor

    def require(self, *any_of: str, what: str) -> None:
        """MissingScope unless the caller holds one of `any_of`."""
        if not self.scopes & set(any_of):
            wanted = " or ".join(any_of)
            raise MissingScope(
                f"Credential {self.key_name!r} lacks scope {wanted}, which {what} needs.",
                field="Authorization",
                issue=f"scopes held: {', '.join(sorted(self.scopes)) or '(none)'}",
            )


def caller_for(credential: Credential, tenant_header: str | None) -> Caller:
    """The credential acting in the tenant it names or is bound to; never a default tenant."""
    if tenant_header is not None and not tenant_header.strip():
        # The contract gives the header minLength 1: an empty one is no context, never "mine".
        raise TenantContextRequired(
            f"{TENANT_HEADER} is empty: name a tenant, or leave the header out.",
            field=TENANT_HEADER,
            issue="empty tenant context",
        )
    tenant = tenant_header.strip() if tenant_header else None
    if tenant is None:
        if len(credential.tenants) != 1:
            bound = ", ".join(sorted(credential.tenants))
            raise TenantContextRequired(
                f"Credential {credential.name!r} needs tenant context: send {TENANT_HEADER}"
                + (f" (one of {bound})." if bound else "; it is bound to no tenant."),
                field=TENANT_HEADER,
                issue="no tenant context",
            )
        (tenant,) = credential.tenants
    elif tenant not in credential.tenants:
        raise TenantNotPermitted(
            f"Credential {credential.name!r} may not act in tenant {tenant!r}.",
            field=TENANT_HEADER,
            issue=f"bound to: {', '.join(sorted(credential.tenants)) or '(none)'}",
        )
    return Caller(
        key_name=credential.name,
        tenant_id=tenant,
        user_id=credential.actor.id,
        can_write=WRITE in credential.scopes,
        scopes=credential.scopes,
        actor=credential.actor,
    )
