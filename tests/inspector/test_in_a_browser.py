"""The inspector in headless Chromium against `workitems-mock serve` (one request thread)."""

from __future__ import annotations

import re
import time

import pytest

from tests.inspector.conftest import call, open_page
from tests.support.served import served

pytestmark = [pytest.mark.served, pytest.mark.browser]
AGENT = "invoice_processing_agent"


def expect():  # imported late: the module must load (and skip) where playwright is missing
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect


def create(base_url: str, name: str, **fields: object) -> dict:
    body = {"agent_id": AGENT, "work_item_name": name, **fields}
    item: dict = call(base_url, "POST", "/api/v1/work-items", body)
    return item


def test_a_new_item_and_its_status_change_appear_without_a_reload(page, server):
    page.goto(server.base_url + "/")
    expect()(page).to_have_url(re.compile(r"/_mock/inspector$"))
    page.evaluate("window.stillTheSamePage = true")

    create(server.base_url, "Appears live")
    row = page.locator("#items tr", has_text="Appears live")
    expect()(row).to_contain_text("PENDING")
    call(server.base_url, "POST", "/_mock/clock/advance", {"seconds": 1})

    expect()(row).to_contain_text("EXECUTING")
    assert page.evaluate("window.stillTheSamePage") is True


def test_on_a_real_clock_a_change_shows_within_a_second_or_so(page, server):
    page.goto(server.base_url + "/_mock/inspector")
    call(server.base_url, "POST", "/_mock/clock/set", {"mode": "real"})
    try:
        item = create(server.base_url, "Real time")
        path = f"/api/v1/work-items/{item['work_item_id']}"
        deadline = time.monotonic() + 10
        while call(server.base_url, "GET", path)["status"] == "PENDING":
            assert time.monotonic() < deadline
            time.sleep(0.05)
        row = page.locator("#items tr", has_text="Real time")
        # a half-second poll shows it well within a second; the margin is for a loaded machine
        expect()(row).to_contain_text("EXECUTING", timeout=3000)
    finally:
        call(server.base_url, "POST", "/_mock/clock/set", {"mode": "manual"})


def test_cancel_and_redeliver_from_the_timeline(page, server):
    base = server.base_url
    call(base, "PUT", "/_mock/inbox/hooks", {"fail_first": 1})
    hook = {"url": f"{base}/_mock/inbox/hooks", "on_status": "CANCELLED"}
    create(base, "Cancel me", callbacks=[hook])
    page.goto(base + "/_mock/inspector")
    page.get_by_role("link", name="Cancel me").click()
    expect()(page.locator("h1")).to_contain_text("Cancel me")

    cancel = page.get_by_role("button", name="Cancel", exact=True)
    cancel.focus()
    page.keyboard.press("Enter")  # a real button: the keyboard works as well as a click

    expect()(page.locator(".notice")).to_contain_text("is now CANCELLED")
    expect()(page.locator("#timeline")).to_contain_text("PENDING → CANCELLED by cancel")
    expect()(page.get_by_role("button", name="Cancel", exact=True)).to_be_disabled()
    expect()(page.get_by_role("button", name="Continue")).to_be_enabled()
    page.get_by_role("button", name="Advance the clock +0 s").click()
    timeline = page.locator("#timeline")
    expect()(timeline).to_contain_text("attempt 1: 500")
    expect()(timeline).to_contain_text("attempt 2 due (backoff 1 s)")
    page.get_by_role("button", name="Advance the clock +1 s").click()
    expect()(timeline).to_contain_text("attempt 2: 200")

    page.get_by_role("button", name="Redeliver").click()
    expect()(page.locator(".notice")).to_contain_text("Redelivery queued")
    page.get_by_role("button", name="Advance the clock +0 s").click()
    expect()(page.locator("#webhooks article")).to_have_count(2)
    expect()(page.locator("#webhooks article").nth(1)).to_contain_text("delivered")


def test_forms_are_labelled_keyboard_first_and_dark_mode_is_dark(page, server):
    item = create(server.base_url, "Labelled")
    call(server.base_url, "POST", "/_mock/inbox/box", {"hello": "world"})
    unlabelled = """() => Array.from(document.querySelectorAll(
        'input:not([type=hidden]), select, textarea, button'))
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                     && !e.textContent.trim())
        .map(e => e.outerHTML)"""
    for path in (
        "/_mock/inspector",
        f"/_mock/work-items/{item['work_item_id']}",
        "/_mock/inspector/inboxes/box",
        "/_mock/inspector/control",
    ):
        page.goto(server.base_url + path)
        assert page.evaluate(unlabelled) == [], path

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.emulate_media(color_scheme="dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert sum(int(n) for n in re.findall(r"\d+", background)[:3]) < 150


def test_sign_in_with_the_admin_token(chromium):
    with served(["--clock", "manual", "--admin-token", "s3cret-admin"]) as guarded:
        for page in open_page(chromium, guarded.base_url):
            page.goto(guarded.base_url + "/_mock/inspector")
            page.get_by_label("Admin token").fill("guess")
            page.get_by_role("button", name="Sign in").click()
            expect()(page.get_by_role("alert")).to_contain_text("That is not the admin token.")

            page.get_by_label("Admin token").fill("s3cret-admin")
            page.get_by_role("button", name="Sign in").click()

            expect()(page.locator("h1")).to_have_text("Work items")
            [cookie] = page.context.cookies()
            assert (cookie["httpOnly"], cookie["sameSite"]) == (True, "Strict")
            assert "s3cret-admin" not in cookie["value"]
            refused = page.request.post(guarded.base_url + "/_mock/reset")
            assert refused.status == 401  # the JSON control plane still wants the bearer
