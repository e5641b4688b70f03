"""The overview's list: one newest-first page over every hosted API, with a cursor per API."""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, urlencode

from mock_server.hosting.plugin import ApiRuntime
from mock_server.hosting.resources import ResourceQuery, ResourceView

PAGE_SIZE = 50


@dataclass(frozen=True)
class Listing:
    views: list[ResourceView]
    next_cursor: str | None  # the `after` of the next (older) page; None on the last


def read_cursor(cursor: str | None) -> dict[str, str]:
    """`api=<last id shown>&...`: where each API's part of the list continues."""
    return dict(parse_qsl(cursor or "", keep_blank_values=False))


def listing(
    apis: Mapping[str, ApiRuntime], query: ResourceQuery, cursor: str | None = None
) -> Listing:
    """Asks each API for a page after its own cursor, merges them newest first and keeps one
    page: only ever `PAGE_SIZE` views per API are built, however many resources there are."""
    after = read_cursor(cursor)
    pages = {
        name: api.browse(replace(query, after=after.get(name), limit=PAGE_SIZE))
        for name, api in apis.items()
    }
    merged = heapq.merge(
        *(page.views for page in pages.values()), key=lambda v: v.created_at, reverse=True
    )
    chosen = [view for _, view in zip(range(PAGE_SIZE), merged, strict=False)]
    last_shown = dict(after)
    for view in chosen:
        last_shown[view.api] = view.resource_id
    taken = {name: sum(1 for v in chosen if v.api == name) for name in pages}
    more = any(page.more or taken[name] < len(page.views) for name, page in pages.items())
    return Listing(chosen, urlencode(sorted(last_shown.items())) if more else None)
