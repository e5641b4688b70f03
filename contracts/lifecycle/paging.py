"""Pagination walked to the end: every page continues the last, nothing repeats or goes missing."""

from __future__ import annotations

from typing import Any

from contracts.checks import page_problem
from contracts.http import Exchange
from contracts.lifecycle.expect import Expect, Stop
from contracts.lifecycle.lab import Lab

NEW_ITEMS = 5
SMALL_PAGE = 2  # pages through the new items, a few records at a time
LARGE_PAGE = 100  # then on to the end of the list
MAX_PAGES = 500


def walk_to_the_end(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        agent = lab.needs_agent()
        created = [lab.created(expect, lab.api.create(scenario="idle")) for _ in range(NEW_ITEMS)]
        creator = lab.api.get(created[0]).item.get("created_by")
        filters = {
            "agent_id": agent,
            **({"created_by": creator} if isinstance(creator, str) else {}),
        }
        seen: list[str] = []
        offset, pages, limit = 0, 0, SMALL_PAGE
        while True:
            page = lab.api.list(**filters, limit=limit, offset=offset)
            records, next_offset = _page(expect, page, filters, limit, offset)
            seen += [str(r.get("work_item_id")) for r in records]
            pages += 1
            if next_offset is None:
                break
            if pages >= MAX_PAGES:
                expect.violation(
                    page,
                    f"the last page within {MAX_PAGES} pages",
                    f"{len(seen)} records so far and next_offset is still set",
                )
                return
            offset = next_offset
            if set(created) <= set(seen):
                limit = LARGE_PAGE
        repeated = sorted({i for i in seen if seen.count(i) > 1})
        expect.true(not repeated, None, "no work item on two pages", f"repeated: {repeated[:5]}")
        missing = [i for i in created if i not in seen]
        expect.true(
            not missing,
            None,
            f"all {NEW_ITEMS} new work items on some page",
            f"missing: {missing} after {pages} pages of {len(seen)} records",
        )

    lab.run_case("pagination walks to the end without repeats or gaps", body)


def _page(
    expect: Expect, page: Exchange, filters: dict[str, Any], limit: int, offset: int
) -> tuple[list[dict[str, Any]], int | None]:
    expect.require(expect.status(page, 200))
    records = [r for r in page.item.get("records") or [] if isinstance(r, dict)]
    next_offset = page.item.get("next_offset")
    query = {**filters, "limit": limit, "offset": offset}
    problem = page_problem(records, next_offset, query)
    expect.require(expect.true(not problem, page, "a consistent page", problem))
    if next_offset is not None and (not isinstance(next_offset, int) or next_offset <= offset):
        expect.violation(
            page, f"next_offset after {offset}, or null", f"next_offset={next_offset!r}"
        )
        raise Stop
    return records, next_offset


SCENARIOS = [walk_to_the_end]
