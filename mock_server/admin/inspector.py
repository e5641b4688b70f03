"""The inspector: HTML pages that put a resource's whole story on one timeline, any API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import Blueprint, render_template

from mock_server.core.clock import isoformat_z
from mock_server.emulator import Emulator
from mock_server.hosting.context import current_emulator
from mock_server.hosting.plugin import ApiRuntime
from mock_server.hosting.resources import ResourceView

bp = Blueprint("inspector", __name__, url_prefix="/_mock", template_folder="templates")
RECENT = 100


@dataclass(frozen=True)
class Moment:
    """One line of a work item's timeline."""

    at: datetime
    kind: str  # status, request, webhook
    text: str
    ok: bool = True

    @property
    def when(self) -> str:
        return isoformat_z(self.at)


def _status_moments(api: ApiRuntime, view: ResourceView) -> list[Moment]:
    return [
        Moment(t.at, "status", f"{t.previous or '(new)'} → {t.status} by {t.action}")
        for t in api.history(view.resource_id)
    ]


def _request_moments(emulator: Emulator, view: ResourceView) -> list[Moment]:
    moments = []
    for entry in emulator.journal.entries():
        if entry.resource_id == view.resource_id:
            why = f" ({entry.reason})" if entry.reason else ""
            text = f"{entry.method} {entry.path} → {entry.status}{why}"
            moments.append(Moment(entry.at, "request", text, entry.status < 400))
    return moments


def _webhook_moments(emulator: Emulator, view: ResourceView) -> list[Moment]:
    moments = []
    for delivery in emulator.dispatcher.deliveries():
        if delivery.subject != view.resource_id:
            continue
        where = f"{delivery.event} to {delivery.url}"
        if delivery.reason and not delivery.attempts:
            text = f"{where}: {delivery.outcome.value}, {delivery.reason}"
            moments.append(Moment(delivery.created_at, "webhook", text, False))
        for attempt in delivery.attempts:
            answer = attempt.status if attempt.status is not None else attempt.error or "in flight"
            text = f"{where}, attempt {attempt.number}: {answer}"
            moments.append(Moment(attempt.sent_at, "webhook", text, attempt.succeeded))
    return moments


def timeline(emulator: Emulator, api: ApiRuntime, view: ResourceView) -> list[Moment]:
    """Status changes, API requests and webhook attempts for a resource, oldest first."""
    moments = [
        *_status_moments(api, view),
        *_request_moments(emulator, view),
        *_webhook_moments(emulator, view),
    ]
    order = {"request": 0, "status": 1, "webhook": 2}
    return sorted(moments, key=lambda m: (m.at, order[m.kind]))


@bp.get("/inspector")
def overview() -> str:
    emulator = current_emulator()
    views = sorted(
        (view for api in emulator.apis.values() for view in api.recent(RECENT)),
        key=lambda view: view.created_at,
        reverse=True,
    )[:RECENT]
    deliveries = emulator.dispatcher.deliveries()[-20:][::-1]
    return render_template(
        "inspector.html",
        now=isoformat_z(emulator.clock.now()),
        clock=emulator.clock,
        items=views,
        total=sum(api.count() for api in emulator.apis.values()),
        apis=list(emulator.apis.values()),
        deliveries=deliveries,
        inboxes=emulator.inboxes.all(),
        stamp=isoformat_z,
    )


def resource_page(emulator: Emulator, api: ApiRuntime, view: ResourceView) -> str:
    return render_template(
        "work_item.html",
        item=view,
        api=api,
        moments=timeline(emulator, api, view),
        stamp=isoformat_z,
    )
