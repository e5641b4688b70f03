"""How handlers show work items: as the profile's WorkItem, and the scenario a client chose."""

from __future__ import annotations

from typing import Any

from mock_server.apis.sema4.domain.model import WorkItem
from mock_server.apis.sema4.http.context import sema4
from mock_server.apis.sema4.http.representation import work_item_json
from mock_server.http.operations import Call
from mock_server.http.prefer import preference


def present(
    call: Call, item: WorkItem, *, with_messages: bool, write: bool = False, fresh: bool = False
) -> dict[str, Any]:
    """The item as the profile shows it. FIDELITY: the platform computes work_item_url only
    on reads; the answers of writes carry null (sema4-platform-behaviour.md §3.6)."""
    api = sema4(call)
    url = None if write and api.profile.url_needs_thread else api.url_of(item)
    fields = api.profile.item_fields
    return work_item_json(item, with_messages=with_messages, url=url, fields=fields, fresh=fresh)


def preferred_scenario(call: Call) -> tuple[str | None, dict[str, str]]:
    """The scenario asked for with `Prefer: scenario=<name>` (checked), and the reply header."""
    name = preference(call.headers, "scenario")
    if name is None:
        return None, {}
    sema4(call).simulator.known(name)
    return name, {"Preference-Applied": f"scenario={name}"}
