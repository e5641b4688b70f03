"""Which extra keys the Threada access checks use: from the emulator's fixtures, or variables."""

from __future__ import annotations

from contracts.apis.threada.lifecycle.keys import SCOPES, from_environment, from_fixtures

ALL = list(SCOPES)


def key(name: str, tenants: list[str], scopes: list[str]) -> dict[str, object]:
    return {"key": name, "tenants": tenants, "scopes": scopes}


FIXTURES = [
    key("main", ["example"], ALL),
    key("nowhere-reader", ["nowhere"], ["workitems:read"]),  # no full key there to make items
    key("acme-full", ["acme"], ALL),
    key("acme-reader", ["acme"], ["workitems:read"]),
    key("acme-analyst", ["acme"], ["telemetry:read"]),
    key("operator", ["acme", "globex"], ALL),
    key("unbound", [], ["workitems:read"]),
]


def test_a_key_lacking_each_scope_comes_with_a_full_key_of_its_tenant():
    keys = from_fixtures("main", FIXTURES)

    assert {scope: k.key for scope, k in keys.lacking.items()} == {
        "workitems:read": "acme-analyst",
        "workitems:write": "acme-reader",
        "workflow:manage": "acme-reader",
        "actions:execute": "acme-reader",
        "telemetry:read": "acme-reader",
    }
    assert {k.owner for k in keys.lacking.values()} == {"acme-full"}


def test_another_tenant_multi_tenant_and_unbound_keys_are_told_apart():
    keys = from_fixtures("main", FIXTURES)

    assert (keys.other_tenant, keys.multi_tenant, keys.unbound) == (
        "acme-full",
        "operator",
        "unbound",
    )


def test_variables_name_the_keys_of_a_deployment_and_curl_shows_only_their_names():
    owner = object()
    environ = {
        "THREADA_KEY_WITHOUT_WORKFLOW_MANAGE": "k-manage",
        "THREADA_OTHER_TENANT_KEY": "k-other",
        "THREADA_UNBOUND_KEY": "",
    }
    keys = from_environment(owner, environ)

    assert list(keys.lacking) == ["workflow:manage"]
    assert keys.lacking["workflow:manage"].owner is owner
    assert (keys.other_tenant, keys.multi_tenant, keys.unbound) == ("k-other", None, None)
    assert keys.secrets() == {
        "k-manage": "THREADA_KEY_WITHOUT_WORKFLOW_MANAGE",
        "k-other": "THREADA_OTHER_TENANT_KEY",
    }
