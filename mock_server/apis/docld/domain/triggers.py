"""Triggers: both spellings of `trigger_config` read, checked, and matched against events."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from mock_server.apis.docld.domain.cron import CronError, first_firing
from mock_server.apis.docld.domain.invalid import refuse
from mock_server.apis.docld.domain.model import Trigger
from mock_server.apis.docld.domain.vocabulary import PLATFORM_EVENTS, TRIGGER_TYPES, canonical_event

# FIDELITY: the API reference writes `{event, filters}`, the automation guide
# `{eventType, eventFilters}`; both are read, `{event, filters}` is what is answered.
SPELLINGS = {
    "event": "event",
    "eventType": "event",
    "filters": "filters",
    "eventFilters": "filters",
}
KEYS_BY_TYPE = {
    "manual": frozenset[str](),
    "webhook": frozenset[str](),
    "event": frozenset({"event", "filters"}),
    "scheduled": frozenset({"cron_expression", "timezone"}),
}
FIELD = "trigger_config"


def parse_trigger(trigger_type: Any, config: Mapping[str, Any] | None, now: datetime) -> Trigger:
    """The trigger a request describes, or ValidationFailed naming the field at fault."""
    if trigger_type not in TRIGGER_TYPES:
        refuse("trigger_type", f"must be one of {', '.join(TRIGGER_TYPES)}, not {trigger_type!r}")
    given = _canonical_keys(config or {})
    allowed = KEYS_BY_TYPE[trigger_type]
    for key in given:
        if key not in allowed:
            known = ", ".join(sorted(allowed)) or "nothing"
            refuse(f"{FIELD}.{key}", f"a {trigger_type} trigger takes {known}")
    if trigger_type == "event":
        return _event_trigger(given)
    if trigger_type == "scheduled":
        return _scheduled_trigger(given, now)
    return Trigger(trigger_type)


def _canonical_keys(config: Mapping[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in config.items():
        name = SPELLINGS.get(key, key)
        if name in found and found[name] != value:
            refuse(f"{FIELD}.{key}", f"contradicts the other spelling of {name!r}")
        found[name] = value
    return found


def _event_trigger(given: Mapping[str, Any]) -> Trigger:
    event = given.get("event")
    if event not in PLATFORM_EVENTS:
        refuse(f"{FIELD}.event", f"must be one of {', '.join(PLATFORM_EVENTS)}, not {event!r}")
    filters = given.get("filters") or {}
    if not isinstance(filters, Mapping):
        refuse(f"{FIELD}.filters", "must be an object")
    for key, value in filters.items():
        _check_filter(key, value)
    return Trigger("event", event=event, filters=dict(filters))


def _check_filter(key: str, value: Any) -> None:
    where = f"{FIELD}.filters.{key}"
    if key == "confidence_min":
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            refuse(where, "must be a number from 0 to 1")
    elif key == "file_type":
        values = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, str) and v for v in values):
            refuse(where, "must be a file type ('pdf'), a MIME type, or a list of them")
    elif not isinstance(value, str | int | float | bool):
        refuse(where, "must be a string, number or boolean the event's field must equal")


def _scheduled_trigger(given: Mapping[str, Any], now: datetime) -> Trigger:
    expression, zone = given.get("cron_expression"), given.get("timezone")
    if not isinstance(expression, str):
        refuse(f"{FIELD}.cron_expression", "a scheduled trigger needs a five-field cron")
    if not isinstance(zone, str):
        refuse(f"{FIELD}.timezone", "a scheduled trigger needs an IANA time zone")
    cron = check_schedule(expression, zone, now, FIELD + ".")
    return Trigger("scheduled", cron_expression=cron, timezone=zone)


def check_schedule(expression: str, zone: str, now: datetime, prefix: str = "") -> str:
    """The expression, normalised, if it and the zone are valid and it ever fires."""
    try:
        cron, _ = first_firing(expression, zone, now)
    except CronError as error:
        param = "timezone" if "time zone" in str(error) else "cron_expression"
        refuse(prefix + param, str(error))
    return cron.text


def matches(trigger: Trigger, event: str, data: Mapping[str, Any]) -> bool:
    """Whether an event of this name and data starts a workflow with this trigger."""
    if trigger.type != "event" or trigger.event is None:
        return False
    if canonical_event(trigger.event) != canonical_event(event):
        return False
    return all(_filter_holds(key, wanted, data) for key, wanted in trigger.filters.items())


def _filter_holds(key: str, wanted: Any, data: Mapping[str, Any]) -> bool:
    if key == "file_type":
        # FIDELITY: the workflow docs filter on `pdf`, the n8n node on MIME types; either works.
        offered = {str(data.get(k, "")).lower() for k in ("file_type", "mime_type")}
        wanted_all = wanted if isinstance(wanted, list) else [wanted]
        return any(str(w).lower().lstrip(".") in offered for w in wanted_all)
    if key == "confidence_min":
        confidence = data.get("overall_confidence")
        return isinstance(confidence, int | float) and confidence >= wanted
    return bool(data.get(key) == wanted)
