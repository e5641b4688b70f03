"""Scoped credentials and tenants: a missing scope is 403, no tenant context fails closed,
another tenant's work item does not exist."""

from __future__ import annotations

from collections.abc import Callable

from contracts.apis.threada.lifecycle.client import MAIN_KEY, Reply
from contracts.apis.threada.lifecycle.errors import error
from contracts.apis.threada.lifecycle.keys import SCOPES, scope_variable
from contracts.apis.threada.lifecycle.lab import Lab
from contracts.apis.threada.lifecycle.receipts import CALLER_MOVES, receipts_of
from contracts.apis.threada.lifecycle.telemetry import window_around
from contracts.lifecycle.expect import Expect, Skip

Call = Callable[[str], Reply]  # an operation on a work item, sent with the given key


def _needing(lab: Lab, scope: str, item_id: str, since: str) -> list[Call]:
    """Every operation that needs `scope`, with valid input, so only the scope is missing."""
    api = lab.api
    return {
        "workitems:read": [
            lambda key: api.get(item_id, key=key),
            lambda key: api.list({"from": since}, key=key),
        ],
        "workitems:write": [lambda key: api.create(key=key)],
        "workflow:manage": [
            lambda key: api.decide(item_id, "escalate", key=key),
            lambda key: api.decide(item_id, "approve", key=key),
            lambda key: api.decide(item_id, "reject", key=key),
        ],
        "actions:execute": [lambda key: api.execute(item_id, key=key)],
        "telemetry:read": [lambda key: api.export(window_around(since), key=key)],
    }[scope]


def _unchanged(lab: Lab, expect: Expect, item_id: str, key: object) -> None:
    """Nothing a refused call could have done shows on the item (decisioning may move it)."""
    item = lab.api.get(item_id, key=key)
    moves = [r.get("decision") for r in receipts_of(item) if r.get("decision") in CALLER_MOVES]
    runs = item.item.get("execution_ids") or []
    expect.true(
        not moves and not runs,
        item,
        f"{item_id} with no decision-step receipts and no executions after refused calls",
        f"receipts of {moves}, executions {runs}",
    )


def missing_scope(scope: str) -> Callable[[Lab], None]:
    def scenario(lab: Lab) -> None:
        def body(expect: Expect) -> None:
            lacking = lab.keys.lacking.get(scope)
            if lacking is None:
                raise Skip(f"no key without {scope}: set {scope_variable(scope)}")
            created = lab.api.create(scenario=lab.scenario("idle"), key=lacking.owner)
            item_id = lab.created(expect, created)
            for call in _needing(lab, scope, item_id, str(created.item.get("created_at"))):
                error(expect, call(lacking.key), 403, "authorization")
            _unchanged(lab, expect, item_id, lacking.owner)

        lab.run_case(f"scopes: a key without {scope} is refused (403 authorization)", body)

    return scenario


def no_tenant_context(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        stranger = f"verify-no-such-tenant-{lab.ctx.target.run_id}"
        named = lab.api.client.call(
            "GET", "/work-items", operation="GET /work-items", tenant=stranger
        )
        error(expect, named, 403, "authorization")
        for key in (lab.keys.multi_tenant, lab.keys.unbound):  # neither says where it acts
            if key:
                error(expect, lab.api.list(key=key), 403, "authorization")
                error(expect, lab.api.create(key=key), 403, "authorization")

    lab.run_case("tenants: a request without valid tenant context fails closed (403)", body)


def other_tenant(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        other = lab.keys.other_tenant
        if other is None:
            raise Skip("no key of another tenant: set THREADA_OTHER_TENANT_KEY")
        created = lab.api.create(scenario=lab.scenario("idle"))
        item_id = lab.created(expect, created)
        error(expect, lab.api.get(item_id, key=other), 404, "validation")
        error(expect, lab.api.decide(item_id, "escalate", key=other), 404, "validation")
        error(expect, lab.api.execute(item_id, key=other), 404, "validation")
        page = lab.api.list({"from": str(created.item.get("created_at")), "limit": 100}, key=other)
        listed = [
            i.get("work_item_id") for i in page.item.get("items") or [] if isinstance(i, dict)
        ]
        expect.true(
            item_id not in listed,
            page,
            f"{item_id} not listed for another tenant",
            f"listed: {listed[:5]}",
        )
        _unchanged(lab, expect, item_id, MAIN_KEY)

    lab.run_case("tenants: another tenant's work item is 404, and not listed", body)


def credentials(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        wrong = f"workitems-mock-verify-wrong-key-{lab.ctx.target.run_id}"
        for key in (None, wrong):
            error(expect, lab.api.list(key=key), 401, "authorization")
            error(expect, lab.api.create(key=key), 401, "authorization")

    lab.run_case("credentials: none, or an unknown one, is 401 authorization", body)


SCENARIOS = [
    *(missing_scope(scope) for scope in SCOPES),
    no_tenant_context,
    other_tenant,
    credentials,
]
