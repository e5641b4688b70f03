from datetime import timedelta

from tests.support.workitems import AGENT, API, TEXT_MESSAGE, create


def test_get_leaves_messages_empty_by_default(client):
    item = create(client, messages=[TEXT_MESSAGE])

    response = client.get(f"{API}/{item['work_item_id']}")

    assert response.status_code == 200
    assert response.json["messages"] == []


def test_get_with_results_includes_messages(client):
    item = create(client, messages=[TEXT_MESSAGE])

    response = client.get(f"{API}/{item['work_item_id']}?results=true")

    assert response.json["messages"] == [TEXT_MESSAGE]


def test_get_with_a_non_boolean_results_is_422(client):
    item = create(client)

    response = client.get(f"{API}/{item['work_item_id']}?results=maybe")

    assert response.status_code == 422
    assert response.json["error"]["details"]["field"] == "query.results"


def test_get_unknown_id_is_404_naming_the_id(client):
    response = client.get(f"{API}/does-not-exist")

    assert response.status_code == 404
    assert response.json["error"]["details"]["field"] == "work_item_id"
    assert "does-not-exist" in response.json["error"]["message"]


def test_list_is_newest_first(client, clock):
    first = create(client)
    clock.advance_to(clock.now() + timedelta(seconds=1))
    second = create(client)

    records = client.get(API).json["records"]

    assert [r["work_item_id"] for r in records] == [second["work_item_id"], first["work_item_id"]]


def test_list_hides_messages(client):
    create(client, messages=[TEXT_MESSAGE])

    assert client.get(API).json["records"][0]["messages"] == []


def test_list_filters_by_agent(client):
    mine = create(client)
    create(client, agent_id="document_review_agent")

    records = client.get(f"{API}?agent_id={AGENT}&limit=50").json["records"]

    assert [r["work_item_id"] for r in records] == [mine["work_item_id"]]


def test_list_filters_by_creator(client, app):
    create(client)
    other_user = app.test_client()
    other_user.environ_base["HTTP_AUTHORIZATION"] = "Bearer local-readonly-key"

    assert len(client.get(f"{API}?created_by=local-developer").json["records"]) == 1
    assert client.get(f"{API}?created_by=local-viewer").json["records"] == []


def test_list_pages_walk_every_item_once_and_end_with_null(client):
    ids = {create(client)["work_item_id"] for _ in range(7)}
    seen: list[str] = []
    offset: int | None = 0

    while offset is not None:
        page = client.get(f"{API}?limit=3&offset={offset}").json
        seen += [r["work_item_id"] for r in page["records"]]
        offset = page["next_offset"]

    assert sorted(seen) == sorted(ids)
    assert len(seen) == len(ids)


def test_an_exactly_full_last_page_has_null_next_offset(client):
    for _ in range(4):
        create(client)

    assert client.get(f"{API}?limit=2&offset=2").json["next_offset"] is None
    assert client.get(f"{API}?limit=2").json["next_offset"] == 2


def test_list_defaults_to_100_per_page(client):
    for _ in range(101):
        create(client)

    page = client.get(API).json

    assert len(page["records"]) == 100
    assert page["next_offset"] == 100


def test_list_answers_with_a_trailing_slash(client):
    create(client)

    assert len(client.get(API + "/").json["records"]) == 1


def test_list_with_limit_zero_is_422(client):
    response = client.get(f"{API}?limit=0")

    assert response.status_code == 422
    assert response.json["error"]["details"]["field"] == "query.limit"


def test_list_rejects_negative_offset_and_non_integers(client):
    assert client.get(f"{API}?offset=-1").status_code == 422
    assert client.get(f"{API}?limit=2.5").status_code == 422
    assert client.get(f"{API}?limit=abc").status_code == 422
    assert client.get(f"{API}?limit=1&limit=2").status_code == 422


def test_list_ignores_unknown_query_parameters(client):
    assert client.get(f"{API}?colour=blue").status_code == 200


def test_list_filters_by_one_or_several_statuses(client, emulator):
    from tests.support.workitems import force_status

    paused, failed, pending = (create(client)["work_item_id"] for _ in range(3))
    force_status(emulator, paused, "PAUSED")
    force_status(emulator, failed, "FAILED")

    def ids(query: str) -> list[str]:
        return [r["work_item_id"] for r in client.get(f"{API}?{query}").json["records"]]

    assert ids("work_item_status=PAUSED") == [paused]
    assert ids("work_item_status=PAUSED&work_item_status=FAILED") == [failed, paused]
    assert ids("work_item_status=PENDING&agent_id=" + AGENT) == [pending]


def test_an_unknown_status_filter_is_422(client):
    response = client.get(f"{API}?work_item_status=DONE")

    assert response.status_code == 422
    assert response.json["error"]["details"]["field"] == "query.work_item_status[0]"


def test_list_finds_names_containing_a_text_ignoring_case(client):
    wanted = create(client, work_item_name="Invoice ABC-123 for ACME")["work_item_id"]
    create(client, work_item_name="Something else")

    records = client.get(f"{API}?name_search=abc-123").json["records"]

    assert [r["work_item_id"] for r in records] == [wanted]
