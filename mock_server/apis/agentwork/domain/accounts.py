"""Accounts, organizations and API keys: register, exchange a password, authenticate."""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from dataclasses import dataclass, field

from mock_server.apis.agentwork.domain.keys import (
    KEY_PREFIX,
    base62,
    digest,
    listed_prefix,
    mint_key,
)
from mock_server.apis.agentwork.domain.model import Account, CreditPlan, KeyRecord, Organization
from mock_server.core.atomic import UndoableDict
from mock_server.core.errors import BadRequest, Conflict, Unauthorized
from mock_server.core.ids import IdFactory
from mock_server.core.principal import Principal

DEFAULT_KEY_NAME = "API Key"


@dataclass(frozen=True)
class IssuedKey:
    """A key as handed out once: the secret, and whose it is."""

    api_key: str
    account: Account
    organization: Organization

    @property
    def prefix(self) -> str:
        return listed_prefix(self.api_key)


@dataclass(frozen=True)
class Defaults:
    """What an account made by register gets."""

    scenario: str
    credits: CreditPlan = field(default_factory=CreditPlan)


class AccountBook:
    """Every account and key; not thread-safe on its own (the task service's lock guards it).
    Its writes inside a unit of work are undone if the unit fails (core/atomic.py)."""

    def __init__(self, ids: IdFactory, defaults: Defaults) -> None:
        self.ids = ids
        self.defaults = defaults
        self.accounts: dict[str, Account] = UndoableDict()  # by user_id
        self._by_email: dict[str, str] = UndoableDict()  # casefolded email -> user_id
        self.keys: dict[str, KeyRecord] = UndoableDict()  # by digest

    def load(self, accounts: Iterable[Account], keys: Iterable[KeyRecord]) -> None:
        loaded = {account.user_id: account for account in accounts}
        for book in (self.accounts, self._by_email, self.keys):
            book.clear()
        self.accounts.update(loaded)
        self._by_email.update({a.email.casefold(): a.user_id for a in loaded.values()})
        self.keys.update({key.digest: key for key in keys})

    def by_email(self, email: str) -> Account | None:
        user_id = self._by_email.get(email.strip().casefold())
        return self.accounts.get(user_id) if user_id else None

    def register(self, email: str, name: str | None, organization_name: str | None) -> IssuedKey:
        """A new account with its own organization and a first key; 409 for a known email."""
        email = email.strip()
        if self.by_email(email) is not None:
            raise Conflict("Email already registered", field="email", issue=email)
        local_part = email.split("@", 1)[0]
        organization = Organization(
            org_id=self.ids.uuid("agentwork.organization"),
            short_id=base62(self.ids, "agentwork.short_id", 5),
            # FIDELITY (inferred): "auto-generated if omitted"; the real pattern is unknown.
            name=(organization_name or "").strip() or f"{name or local_part}'s Organization",
        )
        account = Account(
            user_id=self.ids.uuid("agentwork.user"),
            email=email,
            name=(name or "").strip() or None,
            organization=organization,
            scenario=self.defaults.scenario,
            credits=self.defaults.credits,
        )
        self.accounts[account.user_id] = account
        self._by_email[email.casefold()] = account.user_id
        return self._issue(account, organization, DEFAULT_KEY_NAME)

    def exchange(self, email: str, password: str, key_name: str | None) -> IssuedKey:
        """A new key for an account with a password; 401 for bad credentials, 400 with no
        organization."""
        account = self.by_email(email)
        if account is None or account.password is None or not _same(account.password, password):
            raise Unauthorized("Invalid credentials", field="password", issue="no such login")
        if account.organization is None:
            raise BadRequest(
                "User has no organization", field="email", issue="the account has none"
            )
        return self._issue(account, account.organization, key_name or DEFAULT_KEY_NAME)

    def _issue(self, account: Account, organization: Organization, name: str) -> IssuedKey:
        key = mint_key(self.ids)
        self.keys[digest(key)] = KeyRecord(digest(key), listed_prefix(key), name, account.user_id)
        return IssuedKey(key, account, organization)

    def authenticate(self, header: str | None) -> Principal:
        """The caller behind `Authorization: Bearer aw_live_...`, or Unauthorized saying why."""
        if not header:
            raise Unauthorized("Missing API key", field="Authorization", issue="no header")
        scheme, _, secret = header.strip().partition(" ")
        secret = secret.strip()
        if scheme.lower() != "bearer" or not secret:
            raise Unauthorized(
                "Invalid Authorization header; send 'Authorization: Bearer aw_live_...'",
                field="Authorization",
                issue="not a Bearer token",
            )
        record = self.keys.get(digest(secret)) if secret.startswith(KEY_PREFIX) else None
        account = self.accounts.get(record.user_id) if record else None
        if record is None or account is None or account.organization is None:
            raise Unauthorized("Invalid API key", field="Authorization", issue="unknown key")
        return Principal(record.name, account.organization.org_id, account.user_id, True)

    def account(self, user_id: str) -> Account:
        return self.accounts[user_id]


def _same(expected: str, given: str) -> bool:
    return hmac.compare_digest(
        expected.encode("utf-8", "surrogatepass"), given.encode("utf-8", "surrogatepass")
    )
