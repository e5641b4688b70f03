"""`GET /agents` and `GET /agents/{aid}` in both profiles: cursor pages and the envelope."""

from __future__ import annotations

import pytest

PREFIXES = ["/api/v1", "/api/public/v1", "/tenants/local/api/v2"]


@pytest.fixture(params=["documented", "platform"])
def profile(request) -> str:
    return str(request.param)


def agents(client, prefix: str = "/api/public/v1", **query) -> dict:
    response = client.get(f"{prefix}/agents", query_string=query)
    assert response.status_code == 200, response.json
    page: dict = response.json
    return page


@pytest.mark.parametrize("prefix", PREFIXES)
def test_every_fixture_agent_is_listed_on_one_page_with_all_three_fields(client, emulator, prefix):
    page = agents(client, prefix)

    assert list(page) == ["next", "has_more", "data"]
    assert (page["next"], page["has_more"]) == (None, False)
    assert [a["id"] for a in page["data"]] == [
        a.agent_id for a in emulator.apis["sema4"].fixtures.agents
    ]
    assert all(set(a) == {"id", "name", "description", "mode"} for a in page["data"])


def test_the_next_token_walks_every_page_once(client):
    everyone = [a["id"] for a in agents(client)["data"]]
    seen, token = [], None
    while True:
        page = agents(client, limit=2, **({"next": token} if token else {}))
        seen += [a["id"] for a in page["data"]]
        assert page["has_more"] == (page["next"] is not None)
        if not page["has_more"]:
            break
        token = page["next"]

    assert seen == everyone


def test_the_name_filter_is_a_case_insensitive_prefix(client):
    found = agents(client, name="invoice")["data"]

    assert [a["name"] for a in found] == ["Invoice Processing Agent"]
    assert agents(client, name="processing")["data"] == []


def test_a_token_that_was_never_issued_is_400(client):
    response = client.get("/api/public/v1/agents?next=bm90LWFuLWFnZW50")

    assert response.status_code == 400
    assert "next" in response.json["error"]["message"]


def test_limit_below_one_is_422(client):
    assert client.get("/api/public/v1/agents?limit=0").status_code == 422


def test_an_agent_is_found_by_id_or_name_and_an_unknown_one_is_404(client):
    first = agents(client)["data"][0]

    assert client.get(f"/api/public/v1/agents/{first['id']}").json == first
    assert client.get(f"/api/public/v1/agents/{first['name']}").json == first
    missing = client.get("/api/public/v1/agents/nobody")
    assert missing.status_code == 404
    assert missing.json["error"]["code"] == "not_found"


def test_agents_need_an_api_key(anonymous):
    assert anonymous.get("/api/public/v1/agents").status_code == 401
