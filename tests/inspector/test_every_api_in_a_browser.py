"""Each other API's items in headless Chromium: found on the home page, opened, acted on from
their page, and changing there without a reload."""

from __future__ import annotations

import pytest

from tests.apis.agentwork.conftest import DEV_KEY as AGENTWORK_KEY
from tests.inspector.conftest import call
from tests.inspector.test_in_a_browser import expect

pytestmark = [pytest.mark.served, pytest.mark.browser]
DOCLD_KEY = "docld_5eed0000000000000000000000000001"
THREADA_KEY = "threada-dev-key"


def advance(base_url: str, seconds: float) -> None:
    call(base_url, "POST", "/_mock/clock/advance", {"seconds": seconds})


def open_from_home(page, base_url: str, shown: str, badge: str, name: str | None = None) -> None:
    """The home page lists the item (its row `shown`) with its status badge and its `name`
    (`shown` unless given) as the link to its page."""
    page.goto(base_url + "/")
    row = page.locator("#items tr", has_text=shown)
    expect()(row.locator(".badge")).to_have_text(badge)
    row.get_by_role("link", name=name or shown).click()
    expect()(page.locator("h1")).to_contain_text(name or shown)
    page.evaluate("window.stillTheSamePage = true")


def still_the_same_page(page) -> bool:
    return page.evaluate("window.stillTheSamePage === true")


def test_an_agentwork_question_is_answered_from_the_page(page, server):
    base = server.base_url
    body = {"title": "Browser task", "description": "A landing page."}
    headers = {"Prefer": "scenario=question_first"}
    call(base, "POST", "/api/v1/tasks", body, AGENTWORK_KEY, headers)
    advance(base, 3)  # a note, then the question

    open_from_home(page, base, "Browser task", "awaiting_reply")
    page.get_by_label("Answer").fill("Svelte")
    page.get_by_role("button", name="Answer the question").click()

    expect()(page.locator(".notice")).to_contain_text("is now processing")
    page.evaluate("window.stillTheSamePage = true")
    advance(base, 3)  # the agent notes the answer, then proposes a spec built with it
    expect()(page.locator("#summary .badge")).to_have_text("awaiting_spec_approval")
    expect()(page.locator("#timeline")).to_contain_text("built with Svelte")
    assert still_the_same_page(page)


def test_a_docld_workflow_is_disabled_from_the_page(page, server):
    base = server.base_url
    workflow = {
        "name": "Browser workflow",
        "definition": {"steps": [{"id": "parse", "type": "parse", "config": {}}]},
        "trigger_type": "manual",
        "enabled": True,
    }
    call(base, "POST", "/api/workflows", workflow, DOCLD_KEY)

    open_from_home(page, base, "Browser workflow", "enabled")
    page.get_by_role("button", name="Disable").click()

    expect()(page.locator("#summary .badge")).to_have_text("disabled")
    expect()(page.get_by_role("button", name="Execute")).to_be_disabled()
    expect()(page.locator("#actions")).to_contain_text("is disabled; enable it to execute it")
    page.evaluate("window.stillTheSamePage = true")
    call(base, "PUT", f"/api/workflows/{page.url.rsplit('/', 1)[1]}", {"enabled": True}, DOCLD_KEY)
    expect()(page.locator("#summary .badge")).to_have_text("enabled")
    assert still_the_same_page(page)


def test_a_threada_item_is_escalated_from_the_page(page, server):
    base = server.base_url
    item = {"workflow_id": "refunds", "channel_id": "web_main", "payload": {"message": "Hi"}}
    created = call(base, "POST", "/work-items", item, THREADA_KEY)

    open_from_home(page, base, created["work_item_id"], "new", name="refunds")
    advance(base, 1)  # decisioning routes it to review: the page shows it by itself
    expect()(page.locator("#summary .badge")).to_have_text("in_review")
    assert still_the_same_page(page)
    page.get_by_label("Evidence (fallback reason)").nth(2).fill("Asked for a manager.")
    page.get_by_role("button", name="Escalate").click()

    expect()(page.locator("#summary .badge")).to_have_text("escalated")
    expect()(page.locator("#timeline")).to_contain_text("escalated; Asked for a manager.")
