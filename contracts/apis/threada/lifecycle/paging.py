"""Cursor pagination walked to the end: every item once, no `next_page_token` on the last page."""

from __future__ import annotations

from typing import Any

from contracts.apis.threada.lifecycle.errors import error
from contracts.apis.threada.lifecycle.lab import Lab
from contracts.lifecycle.expect import Expect, Stop

NEW_ITEMS = 5
SMALL_PAGE = 2
MAX_PAGES = 200
PAGING_CHECK = "a cursor walk sees every item once and ends without next_page_token"


def walk(lab: Lab, expect: Expect, params: dict[str, Any], *, limit: int) -> list[dict[str, Any]]:
    """Every item the filters list, page by page; a broken page is a violation, then Stop."""
    seen: list[dict[str, Any]] = []
    token: str | None = None
    for _ in range(MAX_PAGES):
        query = {**params, "limit": limit, **({"page_token": token} if token else {})}
        page = lab.api.list(query)
        if token is not None and page.status != 200:
            expect.violation(
                page,
                "the previous page's next_page_token leads on",
                page.summary(),
                check=PAGING_CHECK,
            )
            raise Stop
        expect.require(expect.status(page, 200))
        items = page.item.get("items")
        expect.require(expect.true(isinstance(items, list), page, "an items array", page.summary()))
        records = [i for i in items or [] if isinstance(i, dict)]
        problem = _page_problem(records, seen, limit, followed=token is not None)
        if problem is not None:
            expect.violation(page, *problem, check=PAGING_CHECK)
            raise Stop
        seen += records
        if "next_page_token" not in page.item:
            return seen
        token = page.item["next_page_token"]
        if not isinstance(token, str) or not token:
            expect.violation(
                page,
                "next_page_token absent or a non-empty string",
                f"{token!r}",
                check=PAGING_CHECK,
            )
            raise Stop
    expect.violation(
        None,
        f"the last page within {MAX_PAGES} pages",
        f"{len(seen)} items so far",
        check=PAGING_CHECK,
    )
    raise Stop


def _page_problem(
    records: list[dict[str, Any]], seen: list[dict[str, Any]], limit: int, *, followed: bool
) -> tuple[str, str] | None:
    """(expected, actual) when this page breaks the walk, else None."""
    if len(records) > limit:
        return f"at most limit={limit} items on a page", f"{len(records)} items"
    if followed and not records:
        return "no next_page_token on the last page", "the page it led to was empty"
    ids = {str(r.get("work_item_id")) for r in seen}
    repeated = [r.get("work_item_id") for r in records if str(r.get("work_item_id")) in ids]
    if repeated:
        return "no item on two pages", f"{repeated} again"
    return None


def walk_every_item(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        replies = [lab.api.create(scenario=lab.scenario("idle")) for _ in range(NEW_ITEMS)]
        created = [lab.created(expect, reply) for reply in replies]
        since = {"from": str(replies[0].item.get("created_at"))}
        seen = [str(i.get("work_item_id")) for i in walk(lab, expect, since, limit=SMALL_PAGE)]
        missing = [i for i in created if i not in seen]
        if missing:
            expect.violation(
                None,
                f"all {NEW_ITEMS} new work items on some page",
                f"missing {missing} from {len(seen)} items listed",
                check=PAGING_CHECK,
            )
        bogus = lab.api.list({**since, "page_token": f"verify-not-a-token-{lab.ctx.target.run_id}"})
        error(expect, bogus, 400, "validation")

    lab.run_case("work items: a cursor walk sees every item once, the last page ends it", body)


SCENARIOS = [walk_every_item]
