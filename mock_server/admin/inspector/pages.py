"""The overview of every API's work items, and one work item's page (its timeline)."""

from __future__ import annotations

from flask import Response, request

from mock_server.admin.inspector.blueprint import bp
from mock_server.admin.inspector.listing import listing
from mock_server.admin.inspector.render import page
from mock_server.admin.inspector.timeline import timeline
from mock_server.admin.inspector.webhooks import deliveries_of, retry_policy
from mock_server.emulator import Emulator
from mock_server.hosting.context import current_emulator
from mock_server.hosting.plugin import ApiRuntime
from mock_server.hosting.resources import ResourceQuery, ResourceView

RECENT_DELIVERIES = 8
FILTERS = ("api", "status", "agent", "tenant", "q")


def _filters() -> dict[str, str]:
    return {name: value for name in FILTERS if (value := request.args.get(name, "").strip())}


@bp.get("")
def overview() -> Response:
    """Work items of every API, newest first, filtered and paged; recent deliveries, inboxes."""
    emulator = current_emulator()
    chosen = _filters()
    query = ResourceQuery(
        status=chosen.get("status"),
        agent=chosen.get("agent"),
        tenant=chosen.get("tenant"),
        text=chosen.get("q"),
    )
    wanted = chosen.get("api")
    apis = {n: a for n, a in emulator.apis.items() if wanted is None or n == wanted}
    found = listing(apis, query, request.args.get("after"))
    statuses = sorted({s for a in apis.values() for s in a.statuses()})
    return page(
        "overview.html",
        filters=chosen,
        listing=found,
        statuses=statuses,
        unknown_api=wanted if wanted and wanted not in emulator.apis else None,
        paged=bool(request.args.get("after")),
        totals={name: api.count() for name, api in emulator.apis.items()},
        deliveries=emulator.dispatcher.deliveries()[-RECENT_DELIVERIES:][::-1],
        inboxes=emulator.inboxes.all(),
    )


def resource_page(emulator: Emulator, api: ApiRuntime, view: ResourceView) -> Response:
    """A resource's page (where the links an API hands out lead a browser): the resource, its
    actions, its timeline."""
    notes = api.notes(view.resource_id)
    deliveries = deliveries_of(emulator, api.delivery_subjects(view.resource_id))
    return page(
        "resource.html",
        item=view,
        api=api,
        actions=api.actions(view.resource_id),
        moments=timeline(emulator, api, view, notes, deliveries),
        messages=[n for n in notes if n.at is None],
        deliveries=deliveries,
        policy=retry_policy(emulator),
    )


def missing_page(what: str) -> Response:
    return page("missing.html", status=404, what=what)
