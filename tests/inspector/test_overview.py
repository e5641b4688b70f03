"""The overview: every API's work items newest first, filters, search and paging."""

import re

import pytest

from mock_server.apis.sema4 import inspection, views
from mock_server.apis.sema4.domain.model import WorkItem
from tests.inspector.forms import html
from tests.support.workitems import create, sema4_of

ROW_LINK = re.compile(r'href="/_mock/work-items/([0-9a-f-]{36})"')


def listed(text: str) -> list[str]:
    return list(dict.fromkeys(ROW_LINK.findall(text.split('id="items"')[1].split("</table>")[0])))


def test_items_are_listed_newest_first_with_status_agent_and_scenario(client):
    older = create(client, work_item_name="Older one")
    newer = create(client, work_item_name="Newer one", agent_id="document_review_agent")

    text = html(client, "/_mock/inspector")

    assert listed(text) == [newer["work_item_id"], older["work_item_id"]]
    assert "document_review_agent" in text
    assert "PENDING" in text
    assert "complete" in text


def test_filters_by_status_agent_tenant_and_search_by_name_or_id(client, advance):
    first = create(client, work_item_name="Invoice ABC")
    advance(1)  # first goes to EXECUTING
    second = create(client, work_item_name="Receipt XYZ", agent_id="document_review_agent")

    assert listed(html(client, "/_mock/inspector?status=EXECUTING")) == [first["work_item_id"]]
    by_agent = html(client, "/_mock/inspector?agent=document_review_agent")
    assert listed(by_agent) == [second["work_item_id"]]
    assert listed(html(client, "/_mock/inspector?q=receipt")) == [second["work_item_id"]]
    part = first["work_item_id"][:8]
    assert listed(html(client, f"/_mock/inspector?q={part}")) == [first["work_item_id"]]
    assert listed(html(client, "/_mock/inspector?tenant=acme")) == []
    assert "No work items match these filters." in html(client, "/_mock/inspector?tenant=acme")
    assert "No API called nope is served here." in html(client, "/_mock/inspector?api=nope")


def test_pages_follow_each_other_without_gaps_or_repeats(client):
    made = [create(client)["work_item_id"] for _ in range(120)][::-1]  # newest first

    seen: list[str] = []
    path = "/_mock/inspector"
    pages = 0
    while path:
        text = html(client, path)
        seen += listed(text)
        pages += 1
        older = re.search(r'href="(/_mock/inspector\?after=[^"]+)" id="older"', text)
        path = older.group(1).replace("&amp;", "&") if older else ""

    assert pages == 3
    assert seen == made


def test_a_deep_page_over_100k_items_builds_views_for_that_page_only(client, emulator, monkeypatch):
    api = sema4_of(emulator)
    template = api.items.store.get(create(client)["work_item_id"])
    assert template is not None
    with api.lock:
        for n in range(100_000):
            api.items.store.add(_copy(template, f"{n:08d}-0000-4000-8000-000000000000"))
    built: list[str] = []

    def counted(runtime, item):
        built.append(item.work_item_id)
        return views.resource_view(runtime, item)

    monkeypatch.setattr(inspection, "resource_view", counted)
    deep = "00000100-0000-4000-8000-000000000000"

    text = html(client, f"/_mock/inspector?after=sema4%3D{deep}&q=0000009")

    assert len(built) <= 50
    assert listed(text)[0] == "00000099-0000-4000-8000-000000000000"
    assert "Sema4.ai Work Item API: 100001" in text


def _copy(item: WorkItem, work_item_id: str) -> WorkItem:
    import dataclasses

    return dataclasses.replace(item, work_item_id=work_item_id)


@pytest.mark.parametrize("name", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'])
def test_names_are_escaped_wherever_they_show(client, name):
    item = create(client, work_item_name=name)

    for path in ("/_mock/inspector", f"/_mock/work-items/{item['work_item_id']}"):
        text = html(client, path)
        assert name not in text
        assert "&lt;" in text
