"""Who is calling: an authenticated identity, scoped to one tenant."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Principal:
    key_name: str
    tenant_id: str
    user_id: str
    can_write: bool
