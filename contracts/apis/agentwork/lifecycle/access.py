"""Who may do what: keys (missing, bad, registered, exchanged) and tasks nobody else can see."""

from __future__ import annotations

import secrets
import uuid

from contracts.apis.agentwork.lifecycle.expect import AgentworkExpect, Skip
from contracts.apis.agentwork.lifecycle.lab import Lab
from contracts.http import Exchange

NO_KEY = "a task endpoint without a valid key is 401"
REGISTER = "register answers 201 with a fresh key, and 409 for a registered email"
WRONG_PASSWORD = "api-key with a wrong password is 401"
EXCHANGE = "api-key exchanges an email and password for a key"
NO_ORGANIZATION = "api-key for a user without an organization is 400"
UNKNOWN = "an unknown task is 404"
FOREIGN = "another organization's task is 404"
KEY_PREFIX = "aw_live_"


class Stranger:
    """A second organization, registered by the suite: its key must see none of the run's tasks."""

    def __init__(self) -> None:
        self.email = ""
        self.key = ""


def keys(lab: Lab, stranger: Stranger) -> None:
    lab.run_case(NO_KEY, lambda e: _no_key(lab, e))
    lab.run_case(REGISTER, lambda e: _register(lab, e, stranger))
    lab.run_case(WRONG_PASSWORD, lambda e: _wrong_password(lab, e, stranger))
    lab.run_case(EXCHANGE, lambda e: _exchange(lab, e))
    lab.run_case(NO_ORGANIZATION, lambda e: _no_organization(lab, e))


def _no_organization(lab: Lab, expect: AgentworkExpect) -> None:
    if lab.control is None:
        raise Skip("needs the password of a user without an organization: emulator fixtures")
    found = [
        a for a in lab.control.accounts() if not a.get("organization_id") and a.get("password")
    ]
    if not found:
        raise Skip("the emulator's fixtures have no user without an organization")
    body = {"email": found[0]["email"], "password": found[0]["password"]}
    exchange = lab.api.api_key(body)
    if expect.status(exchange, 400):
        expect.envelope(exchange)


def _no_key(lab: Lab, expect: AgentworkExpect) -> None:
    bad = KEY_PREFIX + secrets.token_hex(16)
    for exchange in (
        lab.api.list(key=None),
        lab.api.list(key=bad),
        lab.api.get(str(uuid.uuid4()), key=bad),
    ):
        if expect.status(exchange, 401):
            expect.envelope(exchange)


def _register(lab: Lab, expect: AgentworkExpect, stranger: Stranger) -> None:
    email = f"verify-{lab.ctx.target.run_id}-{secrets.token_hex(3)}@example.com"
    body = {"email": email, "name": "workitems-mock verify"}
    exchange = lab.api.register(body)
    expect.require(expect.status(exchange, 201))
    expect.fields(
        exchange, "a new account", api_key=str, key_prefix=str, organization_id=str, user_id=str
    )
    key = exchange.item.get("api_key")
    expect.require(_is_key(expect, exchange, key))
    assert isinstance(key, str)
    lab.api.remember_key(key, "AGENTWORK_OTHER_KEY")
    stranger.email, stranger.key = email, key
    listed = lab.api.list(key=key)
    if expect.status(listed, 200):
        expect.equal(listed, "a new organization's tasks", listed.item.get("tasks"), [])
    again = lab.api.register(body)
    if expect.status(again, 409):
        expect.envelope(again)


def _is_key(expect: AgentworkExpect, exchange: Exchange, key: object) -> bool:
    prefix = exchange.item.get("key_prefix")
    shown = str(prefix).rstrip(".…")  # the reference writes it "aw_live_aBcD..."
    return expect.true(
        isinstance(key, str) and key.startswith(KEY_PREFIX) and key.startswith(shown),
        exchange,
        f"api_key starting {KEY_PREFIX} and with key_prefix",
        f"api_key {key!r}, key_prefix {prefix!r}",
    )


def _wrong_password(lab: Lab, expect: AgentworkExpect, stranger: Stranger) -> None:
    email = stranger.email or f"verify-{lab.ctx.target.run_id}@example.com"
    exchange = lab.api.api_key({"email": email, "password": secrets.token_hex(8)})
    if expect.status(exchange, 401):
        expect.envelope(exchange)


def _exchange(lab: Lab, expect: AgentworkExpect) -> None:
    if lab.control is None:
        raise Skip("needs an account's password, which only the emulator's fixtures tell")
    account = lab.control.account_of(lab.ctx.target.api_key)
    if account is None or not account.get("password"):
        raise Skip("the target's key belongs to no fixture account with a password")
    body = {"email": account["email"], "password": account["password"], "key_name": "verify"}
    exchange = lab.api.api_key(body)
    expect.require(expect.status(exchange, 200))
    expect.fields(exchange, "a key", api_key=str, key_prefix=str, organization_id=str)
    expect.equal(
        exchange,
        "organization_id",
        exchange.item.get("organization_id"),
        account.get("organization_id"),
    )
    key = exchange.item.get("api_key")
    if _is_key(expect, exchange, key):
        assert isinstance(key, str)
        lab.api.remember_key(key, "AGENTWORK_EXCHANGED_KEY")
        expect.status(lab.api.list(key=key), 200)


def hidden(lab: Lab, task_id: str, stranger: Stranger) -> None:
    """Every task operation on an unknown task, and on the run's task with another
    organization's key, is 404 in the envelope (and moves nothing)."""
    lab.run_case(UNKNOWN, lambda e: _not_found(lab, e, str(uuid.uuid4()), None))
    if not task_id or not stranger.key:
        lab.skip_case(FOREIGN, "needs a task of the run and a second organization's key")
        return
    lab.run_case(FOREIGN, lambda e: _foreign(lab, e, task_id, stranger.key))


def _not_found(lab: Lab, expect: AgentworkExpect, task_id: str, key: str | None) -> None:
    use: object = key if key is not None else lab.ctx.target.api_key
    api = lab.api
    for exchange in (
        api.get(task_id, key=use),
        api.result(task_id, key=use),
        api.events(task_id, key=use),
        api.message(task_id, {"message": "hello"}, key=use),
        api.spec_status(task_id, "CONFIRMED", key=use),
        api.solution_status(task_id, "CONFIRMED", key=use),
        api.cancel(task_id, key=use),
    ):
        if expect.status(exchange, 404):
            expect.envelope(exchange)


def _foreign(lab: Lab, expect: AgentworkExpect, task_id: str, key: str) -> None:
    before = lab.api.get(task_id)
    _not_found(lab, expect, task_id, key)
    listed = lab.api.list(key=key)
    ids = [t.get("task_id") for t in listed.item.get("tasks") or [] if isinstance(t, dict)]
    expect.true(task_id not in ids, listed, f"task {task_id} not in their list", repr(ids))
    after = lab.api.get(task_id)
    expect.equal(after, "the task, after their attempts", after.item, before.item)
