from tests.support.workitems import API, create

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def test_a_browser_gets_the_work_item_timeline(client, advance):
    item = create(
        client,
        work_item_name="Invoice <ABC123>",
        callbacks=[{"url": "http://203.0.113.9/hook", "on_status": "COMPLETED"}],
    )
    advance(3)
    client.get(f"{API}/{item['work_item_id']}")

    page = client.get(f"/_mock/work-items/{item['work_item_id']}", headers=HTML)

    text = page.get_data(as_text=True)
    assert page.mimetype == "text/html"
    assert "Invoice &lt;ABC123&gt;" in text  # escaped, never raw
    for line in [
        "(new) → PENDING by create",
        "PENDING → EXECUTING by agent_start",
        "EXECUTING → COMPLETED by agent_complete",
        "POST /api/v1/work-items → 200",
        f"GET /api/v1/work-items/{item['work_item_id']} → 200",
        "COMPLETED to http://203.0.113.9/hook: blocked",
    ]:
        assert line in text, line
    assert text.index("PENDING by create") < text.index("EXECUTING by agent_start")


def test_everyone_else_gets_json_at_the_same_url(client):
    item = create(client)

    response = client.get(f"/_mock/work-items/{item['work_item_id']}")

    assert response.json["work_item_id"] == item["work_item_id"]
    assert response.json["tenant_id"] == "local"


def test_the_overview_lists_items_deliveries_and_inboxes(client, advance):
    item = create(
        client,
        callbacks=[{"url": "http://127.0.0.1:8080/_mock/inbox/shop", "on_status": "PENDING"}],
    )
    advance(0)

    text = client.get("/_mock/inspector").get_data(as_text=True)

    assert item["work_item_id"] in text
    assert "delivered" in text
    assert "shop" in text
