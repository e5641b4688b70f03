"""Pages of what went over the wire: deliveries, inboxes and their captures, the journal."""

from __future__ import annotations

from flask import Response, request

from mock_server.admin.inspector.blueprint import bp
from mock_server.admin.inspector.pages import missing_page
from mock_server.admin.inspector.render import page
from mock_server.admin.inspector.webhooks import delivery_view, find_inbox, retry_policy
from mock_server.core.errors import NotFound
from mock_server.hosting.context import current_emulator
from mock_server.webhooks.deliveries import Outcome

PAGE = 100


def _page_number() -> int:
    text = request.args.get("page", "1")
    return max(1, min(int(text), 10_000)) if text.isdigit() else 1


@bp.get("/deliveries")
def deliveries() -> Response:
    """Every webhook delivery newest first, by outcome, API or subject."""
    emulator = current_emulator()
    outcome = request.args.get("outcome") or None
    api = request.args.get("api") or None
    subject = request.args.get("subject") or None
    found = [
        d
        for d in reversed(emulator.dispatcher.deliveries())
        if (outcome is None or d.outcome.value == outcome)
        and (api is None or d.api == api)
        and (subject is None or d.subject == subject)
    ]
    number = _page_number()
    shown = found[(number - 1) * PAGE : number * PAGE]
    return page(
        "deliveries.html",
        views=[delivery_view(emulator, d) for d in shown],
        outcomes=[o.value for o in Outcome],
        filters={"outcome": outcome, "api": api, "subject": subject},
        number=number,
        more=len(found) > number * PAGE,
        total=len(found),
        policy=retry_policy(emulator),
    )


@bp.get("/deliveries/<delivery_id>")
def delivery(delivery_id: str) -> Response:
    emulator = current_emulator()
    try:
        found = emulator.dispatcher.get(delivery_id)
    except NotFound:
        return missing_page(f"delivery {delivery_id}")
    return page(
        "delivery.html",
        view=delivery_view(emulator, found),
        body=found.body.decode("utf-8", errors="replace"),
        policy=retry_policy(emulator),
    )


@bp.get("/inboxes")
def inboxes() -> Response:
    emulator = current_emulator()
    return page(
        "inboxes.html", inboxes=emulator.inboxes.all(), prefix=emulator.settings.inbox_prefix
    )


@bp.get("/inboxes/<name>")
def inbox(name: str) -> Response:
    found = find_inbox(current_emulator(), name)
    if found is None:
        return missing_page(f"inbox {name}")
    return page(
        "inbox.html",
        inbox=found,
        captures=found.captures()[::-1],
        url=current_emulator().settings.inbox_prefix + found.name,
    )


@bp.get("/requests")
def requests() -> Response:
    """The journal newest first; `?refused=1` keeps only what was refused (4xx/5xx)."""
    emulator = current_emulator()
    refused = request.args.get("refused") == "1"
    api = request.args.get("api") or None
    entries = [
        e
        for e in reversed(emulator.journal.entries())
        if (not refused or e.status >= 400) and (api is None or e.api == api)
    ]
    number = _page_number()
    return page(
        "requests.html",
        entries=entries[(number - 1) * PAGE : number * PAGE],
        number=number,
        more=len(entries) > number * PAGE,
        total=len(entries),
        refused=refused,
        api=api,
    )
