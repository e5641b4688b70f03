"""The inspector's buttons: lifecycle actions, redelivery, the clock, faults, inboxes."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from mock_server.admin.inbox import InboxSettings
from mock_server.admin.inspector.blueprint import bp
from mock_server.admin.inspector.forms import field, form_action
from mock_server.admin.inspector.webhooks import find_inbox
from mock_server.core.clock import ClockMode
from mock_server.core.errors import BadRequest, NotFound
from mock_server.core.urls import check_webhook_url
from mock_server.hosting.context import current_emulator
from mock_server.webhooks.capture import request_from_json
from mock_server.webhooks.inbox import InboxConfig
from mock_server.webhooks.inboxes import check_name

MAX_TEXT = 2000  # what an action's one line of text may hold (the page's input says so too)
MANUAL_HINT = " The clock is manual: advance it (+0 s runs what is due now) to send it."


class Advance(BaseModel):
    model_config = ConfigDict(extra="ignore")
    seconds: float = Field(ge=0, le=10 * 365 * 86400)


class ClockChoice(BaseModel):
    model_config = ConfigDict(extra="ignore")
    mode: ClockMode
    speed: float | None = Field(default=None, gt=0, le=10_000)


def _manual_hint() -> str:
    return MANUAL_HINT if current_emulator().clock.mode is ClockMode.MANUAL else ""


@bp.post("/work-items/<work_item_id>/actions/<action>")
@form_action()
def act(work_item_id: str, action: str) -> str:
    """Runs the API's own client action, so its lifecycle table decides; the text typed
    beside the button, if any, goes with it."""
    api = current_emulator().find(work_item_id)
    if api is None:
        raise NotFound(f"Work item {work_item_id} not found.", field="work_item_id")
    text = field("text")
    if text is not None and len(text) > MAX_TEXT:
        raise BadRequest(f"The text is longer than {MAX_TEXT} characters.", field="text")
    offered = {a.name: a.label for a in api.actions(work_item_id)}
    view = api.perform(work_item_id, action, text)
    label = offered.get(action, action.capitalize())
    return f"{label}: {view.name or view.resource_id} is now {view.status}."


@bp.post("/deliveries/<delivery_id>/redeliver")
@form_action()
def redeliver(delivery_id: str) -> str:
    url = field("url")
    if url is not None:
        check_webhook_url(url, "url")
    delivery = current_emulator().dispatcher.redeliver(delivery_id, url)
    return f"Redelivery queued as delivery {delivery.delivery_id}." + _manual_hint()


@bp.post("/clock/advance")
@form_action()
def advance() -> str:
    seconds = Advance.model_validate({"seconds": field("seconds")}).seconds
    ran = current_emulator().scheduler.advance(seconds)
    return f"Advanced {seconds:g} s; {len(ran)} scheduled task(s) ran."


@bp.post("/clock/mode")
@form_action()
def switch_mode() -> str:
    choice = ClockChoice.model_validate({"mode": field("mode"), "speed": field("speed")})
    emulator = current_emulator()
    emulator.clock.configure(choice.mode, choice.speed)
    emulator.scheduler.wake()
    return f"The clock is {choice.mode.value} now (speed {emulator.clock.speed:g})."


@bp.post("/faults/<fault_id>/remove")
@form_action()
def remove_fault(fault_id: str) -> str:
    current_emulator().faults.remove(fault_id)
    return f"Fault {fault_id} removed."


@bp.post("/inboxes")
@form_action()
def open_inbox() -> str:
    name = check_name(field("name") or "")
    current_emulator().inboxes.get(name)
    return f"Inbox {name} is ready at /_mock/inbox/{name}."


@bp.post("/inboxes/<name>/config")
@form_action()
def configure_inbox(name: str) -> str:
    settings = InboxSettings.model_validate(
        {k: v for k in InboxSettings.model_fields if (v := field(k)) is not None}
    )
    current_emulator().inboxes.configure(name, InboxConfig(**settings.model_dump()))
    return f"Inbox {name} configured; its fail-first count starts over."


@bp.post("/inboxes/<name>/clear")
@form_action()
def clear_inbox(name: str) -> str:
    inbox = find_inbox(current_emulator(), name)
    if inbox is None:
        raise NotFound(f"Inbox {name} not found.", field="name")
    cleared = inbox.clear()
    return f"Inbox {name}: {cleared} capture(s) cleared."


@bp.post("/inboxes/<name>/captures/<capture_id>/replay")
@form_action()
def replay(name: str, capture_id: str) -> str:
    """Sends the capture again through the dispatcher: logged, egress-checked and retried like
    any delivery, never from the request thread; always as a POST (unlike the `replay`
    command, which keeps the method), since that is all the dispatcher sends."""
    url = field("url")
    if url is None:
        raise BadRequest("Say where to replay it to.", field="url")
    check_webhook_url(url, "url", "Replay URL")
    emulator = current_emulator()
    number = int(capture_id) if capture_id.isdigit() else 0
    inbox = find_inbox(emulator, name)
    found = inbox.captures(number - 1)[:1] if inbox and number else []
    capture = found[0] if found and found[0].id == number else None
    if capture is None:
        raise NotFound(f"Capture {capture_id} of inbox {name} not found.", field="capture_id")
    try:
        request = request_from_json(capture.to_json())
    except ValueError as error:
        raise BadRequest(f"Capture {capture_id} cannot be replayed: {error}.") from None
    delivery = emulator.dispatcher.enqueue(
        f"inbox {name} #{capture_id}", "replay", url, request.body, request.headers
    )
    return f"Replay of capture {capture_id} queued as delivery {delivery.delivery_id}." + (
        _manual_hint()
    )
