"""Listing over HTTP: the documented filters, and cursor pages walked to the end."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.apis.threada.http_support import assert_error, create


def walk(client, **query):
    """Every page of a listing, following next_page_token until a page has none."""
    pages, token = [], None
    while True:
        params = {**query, **({"page_token": token} if token else {})}
        response = client.get(f"/work-items?{urlencode(params)}")
        assert response.status_code == 200, response.json
        pages.append([item["work_item_id"] for item in response.json["items"]])
        token = response.json.get("next_page_token")
        if token is None:
            return pages
        assert len(pages) < 50, "the walk does not end"


def test_a_walk_visits_every_item_once_newest_first_and_ends_without_a_token(http):
    for _ in range(7):
        create(http)

    pages = walk(http, limit=3)

    assert pages == [["wi_129", "wi_128", "wi_127"], ["wi_126", "wi_125", "wi_124"], ["wi_123"]]


def test_the_last_page_has_no_next_page_token_even_when_it_is_full(http):
    for _ in range(4):
        create(http)

    first = http.get("/work-items?limit=2").json
    last = http.get(f"/work-items?limit=2&page_token={first['next_page_token']}").json

    assert [i["work_item_id"] for i in last["items"]] == ["wi_124", "wi_123"]
    assert "next_page_token" not in last


def test_an_empty_list_is_one_page_without_a_token(http):
    assert http.get("/work-items").json == {"items": []}


def test_items_created_during_a_walk_never_shift_its_later_pages(http):
    for _ in range(4):
        create(http)
    first = http.get("/work-items?limit=2").json

    create(http)
    create(http)
    rest = http.get(f"/work-items?limit=2&page_token={first['next_page_token']}").json

    assert [i["work_item_id"] for i in first["items"]] == ["wi_126", "wi_125"]
    assert [i["work_item_id"] for i in rest["items"]] == ["wi_124", "wi_123"]


def test_filters_by_channel_workflow_status_policy_version_and_each_walks(http, tick):
    web = [create(http)["work_item_id"] for _ in range(3)]
    mail = create(http, channel_id="email_support")["work_item_id"]
    triage = create(http, workflow_id="support_triage", channel_id="partner_api")["work_item_id"]
    http.post(f"/work-items/{mail}/escalate", json={"fallback_reason": "VIP"})

    assert walk(http, channel_id="web_main", limit=2) == [[web[2], web[1]], [web[0]]]
    assert walk(http, workflow_id="support_triage") == [[triage]]
    assert walk(http, status="escalated") == [[mail]]
    assert walk(http, policy_version="v7") == [[triage]]
    assert walk(http, workflow_id="policy_review", status="new", limit=1) == [
        [web[2]],
        [web[1]],
        [web[0]],
    ]
    tick(2)  # decisioning routes the policy reviews still new to review
    assert walk(http, status="in_review", channel_id="web_main") == [[web[2], web[1], web[0]]]


def test_the_time_range_is_from_inclusive_to_exclusive(http, tick):
    made = []
    for _ in range(4):
        made.append(create(http)["work_item_id"])
        tick(60)
    window = {"from": "2025-01-15T10:31:00Z", "to": "2025-01-15T10:33:00+00:00"}

    assert walk(http, limit=1, **window) == [[made[2]], [made[1]]]
    assert walk(http, **{"from": "2025-01-15T11:31:00+01:00"}) == [[made[3], made[2], made[1]]]


def test_a_page_token_for_other_filters_or_not_ours_is_refused(http):
    for _ in range(3):
        create(http)
    token = http.get("/work-items?limit=1").json["next_page_token"]

    other = http.get(f"/work-items?limit=1&status=new&page_token={token}")
    forged = http.get("/work-items?page_token=bm90LWEtdG9rZW4")

    assert assert_error(other, 400, "validation", "invalid_page_token")["details"]["field"] == (
        "query.page_token"
    )
    assert_error(forged, 400, "validation", "invalid_page_token")


def test_a_page_token_from_another_tenant_is_refused(http, key):
    for _ in range(3):
        create(http)
    token = http.get("/work-items?limit=1").json["next_page_token"]

    response = key("threada-globex-key").get(f"/work-items?limit=1&page_token={token}")

    assert_error(response, 400, "validation", "invalid_page_token")


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=0", "query.limit"),
        ("limit=101", "query.limit"),
        ("limit=ten", "query.limit"),
        ("status=done", "query.status"),
        ("from=yesterday", "query.from"),
        ("from=2025-01-15T10:00:00", "query.from"),
        ("from=2025-01-15T11:00:00Z&to=2025-01-15T10:00:00Z", "query.to"),
    ],
)
def test_a_bad_query_is_a_validation_error_naming_the_parameter(http, query, field):
    response = http.get(f"/work-items?{query}")

    assert response.status_code == 400
    assert response.json["error"]["type"] == "validation"
    assert response.json["error"]["details"]["field"] == field


def test_other_tenants_items_never_appear(http, key):
    create(http)
    globex = key("threada-globex-key")
    mine = create(globex)["work_item_id"]

    assert walk(globex) == [[mine]]
    assert walk(key("threada-operator-key", "globex")) == [[mine]]
