"""Register, exchange a password for a key, and authenticate: without Flask."""

from __future__ import annotations

import pytest

from mock_server.apis.agentwork.domain.keys import LISTED_PREFIX_LENGTH
from mock_server.core.errors import BadRequest, Conflict, Unauthorized
from tests.apis.agentwork.kit import build


@pytest.fixture
def kit():
    return build()


def test_register_makes_an_account_an_organization_and_a_key_that_works(kit):
    issued = kit.tasks.register("new@example.com", "New Person", None)

    assert issued.api_key.startswith("aw_live_")
    assert len(issued.api_key) > LISTED_PREFIX_LENGTH
    assert issued.prefix == issued.api_key[:LISTED_PREFIX_LENGTH]
    assert issued.organization.name == "New Person's Organization"
    assert len(issued.organization.short_id) == 5
    who = kit.tasks.authenticate(f"Bearer {issued.api_key}")
    assert (who.tenant_id, who.user_id) == (issued.organization.org_id, issued.account.user_id)


def test_register_needs_only_an_email_as_the_official_client_sends(kit):
    issued = kit.tasks.register("solo@example.com", None, "Solo Org")

    assert issued.account.name is None
    assert issued.organization.name == "Solo Org"


def test_registering_an_email_twice_is_a_conflict_whatever_its_case(kit):
    kit.tasks.register("twice@example.com", None, None)

    with pytest.raises(Conflict, match="Email already registered"):
        kit.tasks.register("TWICE@example.com", None, None)
    with pytest.raises(Conflict):
        kit.tasks.register("dev@example.com", None, None)  # a fixture account


def test_two_registrations_get_different_keys_and_organizations(kit):
    one = kit.tasks.register("one@example.com", None, None)
    two = kit.tasks.register("two@example.com", None, None)

    assert one.api_key != two.api_key
    assert one.organization.org_id != two.organization.org_id


def test_a_password_buys_a_new_key_of_the_same_organization(kit):
    issued = kit.tasks.exchange("dev@example.com", "dev-password", "CI key")

    who = kit.tasks.authenticate(f"Bearer {issued.api_key}")
    assert who.tenant_id == kit.dev.tenant_id
    assert who.key_name == "CI key"
    assert kit.tasks.authenticate(f"Bearer {issued.api_key}").key_name == "CI key"


def test_a_key_without_a_name_is_called_api_key(kit):
    issued = kit.tasks.exchange("Dev@Example.com", "dev-password", None)

    assert kit.tasks.authenticate(f"Bearer {issued.api_key}").key_name == "API Key"


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("dev@example.com", "wrong"),
        ("nobody@example.com", "dev-password"),
        ("dev@example.com", ""),
    ],
)
def test_bad_credentials_are_unauthorized(kit, email, password):
    with pytest.raises(Unauthorized, match="Invalid credentials"):
        kit.tasks.exchange(email, password, None)


def test_an_account_made_by_register_has_no_password_to_exchange(kit):
    kit.tasks.register("fresh@example.com", None, None)

    with pytest.raises(Unauthorized):
        kit.tasks.exchange("fresh@example.com", "", None)


def test_an_account_without_an_organization_gets_no_key(kit):
    with pytest.raises(BadRequest, match="User has no organization"):
        kit.tasks.exchange("no-org@example.com", "no-org-password", None)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "Missing API key"),
        ("", "Missing API key"),
        ("aw_live_LocalDevKey0000000000000000000", "Invalid Authorization header"),
        ("Basic abc", "Invalid Authorization header"),
        ("Bearer ", "Invalid Authorization header"),
        ("Bearer aw_live_NoSuchKey00000000000000000000", "Invalid API key"),
        ("Bearer local-dev-key", "Invalid API key"),  # a Sema4 key opens nothing here
    ],
)
def test_a_missing_or_bad_key_is_unauthorized(kit, header, message):
    with pytest.raises(Unauthorized, match=message):
        kit.tasks.authenticate(header)


def test_the_scheme_is_case_insensitive(kit):
    assert kit.tasks.authenticate("bearer aw_live_LocalDevKey0000000000000000000").user_id
