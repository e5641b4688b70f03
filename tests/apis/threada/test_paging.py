"""Listing work items: the documented filters and cursor pages that hold at 100k items."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from mock_server.apis.threada.domain import errors
from mock_server.apis.threada.domain.paging import ListQuery
from mock_server.apis.threada.domain.windows import Window
from mock_server.apis.threada.domain.work_items import CreateRequest
from mock_server.core.clock import isoformat_z
from tests.apis.threada.support import REASON, SEED_CREATE, START, caller, dev, service


def ids(items):
    return [item.work_item_id for item in items]


def walk(threada, who, query):
    pages, token = [], None
    while True:
        items, token = threada.items.list(who, dataclasses.replace(query, page_token=token))
        pages.append(ids(items))
        if token is None:
            return pages


def test_pages_are_newest_first_and_the_last_has_no_token():
    threada = service()
    for _ in range(5):
        threada.items.create(dev(threada), SEED_CREATE)

    assert walk(threada, dev(threada), ListQuery(limit=2)) == [
        ["wi_127", "wi_126"], ["wi_125", "wi_124"], ["wi_123"],
    ]  # fmt: skip


def test_an_empty_list_is_one_last_page():
    threada = service()

    assert threada.items.list(dev(threada), ListQuery()) == ([], None)


def test_filters_by_channel_workflow_status_and_policy_version():
    threada = service()
    who = dev(threada)
    web = threada.items.create(who, SEED_CREATE)
    mail = threada.items.create(who, CreateRequest("policy_review", {}, "email_support"))
    triage = threada.items.create(who, CreateRequest("support_triage", {}))
    threada.items.decide(who, mail.work_item_id, "escalate", REASON)

    def listed(**filters):
        return ids(threada.items.list(who, ListQuery(**filters))[0])

    assert listed(channel_id="web_main") == [web.work_item_id]
    assert listed(workflow_id="policy_review") == [mail.work_item_id, web.work_item_id]
    assert listed(status="escalated") == [mail.work_item_id]
    assert listed(policy_version="v7") == [triage.work_item_id]
    assert listed(workflow_id="policy_review", status="new") == [web.work_item_id]
    assert listed(channel_id="partner_api") == []


def test_the_time_range_is_from_inclusive_to_exclusive():
    threada = service()
    who = dev(threada)
    for minute in range(4):
        threada.clock.advance_to(START + timedelta(minutes=minute))
        threada.items.create(who, SEED_CREATE)
    window = Window.parse(
        isoformat_z(START + timedelta(minutes=1)), isoformat_z(START + timedelta(minutes=3))
    )

    assert walk(threada, who, ListQuery(window=window, limit=1)) == [["wi_125"], ["wi_124"]]


def test_other_tenants_items_never_appear():
    threada = service()
    threada.items.create(caller(threada, "threada-globex-key"), SEED_CREATE)
    mine = threada.items.create(dev(threada), SEED_CREATE)

    assert ids(threada.items.list(dev(threada), ListQuery())[0]) == [mine.work_item_id]


def test_a_token_is_bound_to_its_filters():
    threada = service()
    for _ in range(3):
        threada.items.create(dev(threada), SEED_CREATE)
    _, token = threada.items.list(dev(threada), ListQuery(limit=1))

    with pytest.raises(errors.InvalidPageToken, match="issued for other filters"):
        threada.items.list(dev(threada), ListQuery(limit=1, status="new", page_token=token))
    with pytest.raises(errors.InvalidPageToken):
        threada.items.list(caller(threada, "threada-globex-key"), ListQuery(page_token=token))


@pytest.mark.parametrize("token", ["garbage!", "bm9wZQ", "LTEuYWJj", "=="])
def test_a_token_the_api_did_not_issue_is_a_validation_error(token):
    threada = service()

    with pytest.raises(errors.InvalidPageToken) as raised:
        threada.items.list(dev(threada), ListQuery(page_token=token))
    assert raised.value.category == "validation"


def test_listing_needs_workitems_read():
    threada = service()

    with pytest.raises(errors.MissingScope, match="workitems:read"):
        threada.items.list(caller(threada, "threada-analyst-key"), ListQuery())


def test_cursor_pages_hold_at_100k_items_while_items_are_added():
    threada = service()
    who = dev(threada)
    template = threada.items.create(who, SEED_CREATE)
    threada.items.restore(
        dataclasses.replace(template, work_item_id=f"wi_{n}") for n in range(10**6, 10**6 + 10**5)
    )
    seen: list[str] = []
    token = None
    while True:
        items, token = threada.items.list(who, ListQuery(limit=100, page_token=token))
        seen += ids(items)
        if len(seen) == 50_000:
            threada.items.create(who, SEED_CREATE)  # newer than every page: never listed
        if token is None:
            break

    assert seen == [f"wi_{n}" for n in reversed(range(10**6, 10**6 + 10**5))]
